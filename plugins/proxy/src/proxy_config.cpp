#include "proxy_config.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <nlohmann/json.hpp>

namespace pico::proxy {
namespace {

constexpr std::array<char const*, 10> known_keys = {"type",
                                                    "hostname",
                                                    "port",
                                                    "username",
                                                    "password",
                                                    "force",
                                                    "proxy_hostnames",
                                                    "proxy_peer_connections",
                                                    "proxy_tracker_connections",
                                                    "anonymous_mode"};

[[noreturn]] void fail(std::string const& key, std::string const& what)
{
    throw config_error("proxy." + key + ": " + what);
}

std::optional<bool> read_bool(nlohmann::json const& section, char const* key)
{
    auto it = section.find(key);
    if (it == section.end())
        return std::nullopt;
    if (!it->is_boolean())
        fail(key, std::string("expected true or false, got ") + it->dump());
    return it->get<bool>();
}

std::optional<std::string> read_string(nlohmann::json const& section, char const* key)
{
    auto it = section.find(key);
    if (it == section.end())
        return std::nullopt;
    if (!it->is_string())
        fail(key, std::string("expected a string, got ") + it->dump());
    return it->get<std::string>();
}

proxy_kind read_type(nlohmann::json const& section)
{
    auto const text = read_string(section, "type");
    if (!text)
        fail("type", "missing (expected one of none, socks4, socks5, http)");
    for (auto kind : {proxy_kind::none, proxy_kind::socks4, proxy_kind::socks5, proxy_kind::http}) {
        if (*text == kind_name(kind))
            return kind;
    }
    fail("type", "unknown proxy type \"" + *text + "\" (expected one of none, socks4, socks5, http)");
}

int read_port(nlohmann::json const& section, bool required, std::string const& type)
{
    auto it = section.find("port");
    if (it == section.end()) {
        if (required)
            fail("port", "missing (required when proxy.type is " + type + ")");
        return 0;
    }
    if (!it->is_number_integer())
        fail("port", "expected an integer 1..65535, got " + it->dump());
    // nlohmann stores non-negative integers as unsigned, negative ones as signed.
    std::uint64_t const value = it->is_number_unsigned() ? it->get<std::uint64_t>() : 0;
    if (value < 1 || value > 65535)
        fail("port", "out of range (expected 1..65535, got " + it->dump() + ")");
    return static_cast<int>(value);
}

std::string read_hostname(nlohmann::json const& section, bool required, std::string const& type)
{
    auto const host = read_string(section, "hostname").value_or("");
    if (host.empty() && required)
        fail("hostname", "missing (required when proxy.type is " + type + ")");
    if (std::any_of(host.begin(), host.end(),
                    [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); }))
        fail("hostname", "must not contain spaces or control characters");
    return host;
}

} // namespace

char const* kind_name(proxy_kind kind)
{
    switch (kind) {
    case proxy_kind::socks4:
        return "socks4";
    case proxy_kind::socks5:
        return "socks5";
    case proxy_kind::http:
        return "http";
    case proxy_kind::none:
        break;
    }
    return "none";
}

std::string describe(proxy_config const& config)
{
    std::string out =
        std::string(kind_name(config.type)) + " proxy " + config.hostname + ":" + std::to_string(config.port);
    if (!config.username.empty())
        out += " (user '" + config.username + "')";
    return out;
}

proxy_config parse_proxy_config(std::string const& section_json)
{
    nlohmann::json section;
    try {
        section = nlohmann::json::parse(section_json);
    } catch (nlohmann::json::exception const& e) {
        throw config_error(std::string("proxy: not valid JSON: ") + e.what());
    }
    proxy_config c;
    if (section.is_null())
        return c;
    if (!section.is_object())
        throw config_error(std::string("proxy: expected an object, got ") + section.type_name());
    // A misspelt key would silently leave a connection unproxied; refuse it instead.
    for (auto const& item : section.items()) {
        if (std::find_if(known_keys.begin(), known_keys.end(),
                         [&](char const* k) { return item.key() == k; }) == known_keys.end())
            fail(item.key(), "unknown key");
    }

    c.type = read_type(section);
    bool const proxied = c.type != proxy_kind::none;
    std::string const type = kind_name(c.type);
    c.hostname = read_hostname(section, proxied, type);
    c.port = read_port(section, proxied, type);
    c.username = read_string(section, "username").value_or("");
    c.password = read_string(section, "password").value_or("");
    if (!c.password.empty() && c.username.empty())
        fail("username", "missing (required when proxy.password is set)");
    if (c.type == proxy_kind::socks4 && !c.password.empty())
        fail("password", "not supported by socks4 (only a user id, in proxy.username)");

    c.force = read_bool(section, "force").value_or(false);
    c.anonymous_mode = read_bool(section, "anonymous_mode");
    struct toggle {
        char const* key;
        bool* value;
    };
    for (auto t : {toggle{"proxy_hostnames", &c.proxy_hostnames},
                   toggle{"proxy_peer_connections", &c.proxy_peer_connections},
                   toggle{"proxy_tracker_connections", &c.proxy_tracker_connections}}) {
        auto v = read_bool(section, t.key);
        if (v)
            *t.value = *v;
        if (c.force && !*t.value)
            fail(t.key, "cannot be false when proxy.force is true");
    }
    if (c.force && !proxied)
        fail("force", "requires a proxy (proxy.type is none)");
    return c;
}

} // namespace pico::proxy
