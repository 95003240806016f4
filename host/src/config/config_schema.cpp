#include "config/config_schema.hpp"

#include "config/config_error.hpp"
#include "config/config_paths.hpp"
#include "util/printable.hpp"

#include <cstdint>
#include <initializer_list>
#include <libtorrent/settings_pack.hpp>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace pico::config {
namespace {

using json = nlohmann::json;

enum class value_kind {
    boolean,
    integer, // fits a libtorrent int setting
    port,    // 0..65535
    string,
    non_empty_string,
    string_list,         // array of strings
    id_list,             // array of non-empty strings
    rate_limit,          // bytes per second, 0..INT_MAX (0: unlimited)
    non_negative_number, // integer or fraction, >= 0
    positive_number,     // integer or fraction, > 0
    proxy_type,          // none | socks4 | socks5 | http
    disk_io,             // auto | mmap | posix
    listen_interfaces,   // libtorrent's "HOST:PORT[s|l],..." syntax
};

// One key the host knows. A null default means "absent unless the user sets it".
struct key_rule {
    std::string_view key;
    value_kind kind;
    json default_value;
};

int lt_int(int setting)
{
    return lt::default_settings().get_int(setting);
}
bool lt_bool(int setting)
{
    return lt::default_settings().get_bool(setting);
}
std::string lt_str(int setting)
{
    return lt::default_settings().get_str(setting);
}

// The defaults of the session keys are libtorrent's, so `config show` shows what is applied.
std::vector<key_rule> const& key_rules()
{
    using sp = lt::settings_pack;
    static std::vector<key_rule> const rules{
        {"ignored_update", value_kind::string, ""},
        {"update_url", value_kind::string,
         "https://api.github.com/repos/picotorrent/picotorrent/releases/latest"},
        // save_path's default depends on the user's environment: effective_config computes it.
        {"save_path", value_kind::non_empty_string, nullptr},
        // Absent plugins: every plugin found is loaded.
        {"plugins", value_kind::id_list, nullptr},
        {"session.active_checking", value_kind::integer, lt_int(sp::active_checking)},
        {"session.active_dht_limit", value_kind::integer, lt_int(sp::active_dht_limit)},
        {"session.active_downloads", value_kind::integer, lt_int(sp::active_downloads)},
        {"session.active_limit", value_kind::integer, lt_int(sp::active_limit)},
        // libtorrent 1.1's default; libtorrent 2.0 never unloads torrents, so it has no effect.
        {"session.active_loaded_limit", value_kind::integer, 100},
        {"session.active_lsd_limit", value_kind::integer, lt_int(sp::active_lsd_limit)},
        {"session.active_seeds", value_kind::integer, lt_int(sp::active_seeds)},
        {"session.active_tracker_limit", value_kind::integer, lt_int(sp::active_tracker_limit)},
        {"session.anonymous_mode", value_kind::boolean, lt_bool(sp::anonymous_mode)},
        {"session.download_rate_limit", value_kind::rate_limit, lt_int(sp::download_rate_limit)},
        {"session.upload_rate_limit", value_kind::rate_limit, lt_int(sp::upload_rate_limit)},
        {"session.enable_dht", value_kind::boolean, true},
        // issue 9: "" keeps the DHT off the internet's routers (loopback tests, private swarms).
        {"session.dht_bootstrap_nodes", value_kind::string, lt_str(sp::dht_bootstrap_nodes)},
        {"session.enable_lsd", value_kind::boolean, true},
        {"session.require_incoming_encryption", value_kind::boolean, false},
        {"session.require_outgoing_encryption", value_kind::boolean, false},
        {"session.listen_interfaces", value_kind::listen_interfaces, lt_str(sp::listen_interfaces)},
        {"session.enable_upnp", value_kind::boolean, true},
        {"session.enable_natpmp", value_kind::boolean, true},
        {"session.enable_utp", value_kind::boolean, true},
        {"session.enable_tcp", value_kind::boolean, true},
        // auto: the storage back-end measured faster for the command (config/throughput_profile.cpp).
        {"session.disk_io", value_kind::disk_io, "auto"},
        {"ui.show_add_torrent_dialog", value_kind::boolean, true},
        {"websocket.enabled", value_kind::boolean, false},
        {"websocket.listen_port", value_kind::port, 7676},
        {"websocket.listen_address", value_kind::non_empty_string, "127.0.0.1"},
        {"websocket.token", value_kind::string, nullptr},
        {"websocket.allowed_origins", value_kind::string_list, nullptr},
        {"websocket.allowed_hosts", value_kind::string_list, nullptr},
        {"websocket.allowed_save_roots", value_kind::string_list,
         nullptr}, // issue 9: confined remote save paths
        {"websocket.tls.certificate", value_kind::string, nullptr},
        {"websocket.tls.private_key", value_kind::string, nullptr},
        {"websocket.serve_dashboard", value_kind::boolean, true}, // issue 11: the web dashboard at /
        {"websocket.web_root", value_kind::string, nullptr},
        {"proxy.type", value_kind::proxy_type, "none"},
        {"proxy.hostname", value_kind::string, nullptr},
        {"proxy.port", value_kind::port, nullptr},
        {"proxy.username", value_kind::string, nullptr},
        {"proxy.password", value_kind::string, nullptr},
        {"proxy.force", value_kind::boolean, false},
        {"proxy.proxy_hostnames", value_kind::boolean, true},
        {"proxy.proxy_peer_connections", value_kind::boolean, true},
        {"proxy.proxy_tracker_connections", value_kind::boolean, true},
        {"proxy.anonymous_mode", value_kind::boolean, nullptr}, // absent: session.anonymous_mode decides
        {"updater.ca_file", value_kind::string, nullptr},
        {"updater.check_interval_hours", value_kind::non_negative_number, 24}, // 0: only at start-up
        {"updater.timeout_seconds", value_kind::positive_number, 15},
    };
    return rules;
}

[[noreturn]] void fail(std::string_view key, std::string const& message)
{
    throw config_error(std::string(key) + ": " + message);
}

// What the user wrote, for "expected X, got Y".
std::string describe(json const& v)
{
    switch (v.type()) {
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
        return "integer " + v.dump();
    case json::value_t::number_float:
        return "number " + v.dump();
    case json::value_t::string:
        return "string";
    default:
        return v.type_name();
    }
}

[[noreturn]] void expected(std::string_view key, std::string_view what, json const& got)
{
    fail(key, "expected " + std::string(what) + ", got " + describe(got));
}

// A string that must be one of `names`: "expected \"a\", \"b\" or \"c\", got ...".
void check_one_of(std::string_view key, json const& v, std::initializer_list<std::string_view> names)
{
    for (auto name : names) {
        if (v.is_string() && v.get_ref<std::string const&>() == name)
            return;
    }
    std::string list;
    std::size_t i = 0;
    for (auto name : names) {
        list += (i == 0 ? "" : (i + 1 == names.size() ? " or " : ", "));
        list += '"';
        list += name;
        list += '"';
        ++i;
    }
    fail(key, "expected " + list + ", got " +
                  (v.is_string() ? "\"" + util::printable(v.get<std::string>(), 100) + "\"" : describe(v)));
}

void check_integer(std::string_view key, json const& v, std::int64_t low, std::int64_t high,
                   std::string_view what)
{
    if (!v.is_number_integer())
        expected(key, what, v);
    // Unsigned values above INT64_MAX are out of range however they compare as signed.
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(high))
        expected(key, what, v);
    auto const n = v.get<std::int64_t>();
    if (n < low || n > high)
        expected(key, what, v);
}

// libtorrent's listen_interfaces: comma-separated HOST:PORT with an optional "s" (SSL) or
// "l" (local) suffix; HOST is an IPv4 address, a [bracketed] IPv6 address or a device name.
// An empty string is valid: the session then makes outgoing connections only.
bool is_listen_entry(std::string_view entry)
{
    while (!entry.empty() && entry.front() == ' ')
        entry.remove_prefix(1);
    while (!entry.empty() && (entry.back() == ' ' || entry.back() == 's' || entry.back() == 'l'))
        entry.remove_suffix(1);
    auto const colon = entry.rfind(':');
    if (colon == std::string_view::npos || colon == 0 || colon + 1 == entry.size() ||
        colon + 6 < entry.size())
        return false;
    auto const host = entry.substr(0, colon);
    if (host.front() == '[' ? host.back() != ']' : host.find_first_of("[]:") != std::string_view::npos)
        return false;
    long port = 0;
    for (char c : entry.substr(colon + 1)) {
        if (c < '0' || c > '9')
            return false;
        port = port * 10 + (c - '0');
    }
    return port <= 65535;
}

void check_listen_interfaces(std::string_view key, std::string_view value)
{
    if (value.find_first_not_of(' ') == std::string_view::npos)
        return;
    std::size_t start = 0;
    while (true) {
        auto const comma = value.find(',', start);
        auto const entry =
            value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
        if (!is_listen_entry(entry))
            fail(key, "\"" + util::printable(entry, 100) +
                          "\" is not HOST:PORT (e.g. \"0.0.0.0:6881,[::]:6881\")");
        if (comma == std::string_view::npos)
            return;
        start = comma + 1;
    }
}

void check_value(std::string_view key, value_kind kind, json const& v)
{
    switch (kind) {
    case value_kind::boolean:
        if (!v.is_boolean())
            expected(key, "true or false", v);
        break;
    case value_kind::integer:
        check_integer(key, v, std::numeric_limits<int>::min(), std::numeric_limits<int>::max(), "an integer");
        break;
    case value_kind::port:
        check_integer(key, v, 0, 65535, "a port number (0-65535)");
        break;
    case value_kind::rate_limit:
        check_integer(key, v, 0, std::numeric_limits<int>::max(),
                      "bytes per second (an integer >= 0; 0: unlimited)");
        break;
    case value_kind::string:
        if (!v.is_string())
            expected(key, "a string", v);
        break;
    case value_kind::non_empty_string:
        if (!v.is_string())
            expected(key, "a string", v);
        if (v.get_ref<std::string const&>().empty())
            fail(key, "must not be empty");
        break;
    case value_kind::string_list:
    case value_kind::id_list:
        if (!v.is_array())
            expected(key, "an array of strings", v);
        for (std::size_t i = 0; i < v.size(); ++i) {
            check_value(std::string(key) + "[" + std::to_string(i) + "]",
                        kind == value_kind::id_list ? value_kind::non_empty_string : value_kind::string,
                        v[i]);
        }
        break;
    case value_kind::non_negative_number:
        if (!v.is_number() || !(v.get<double>() >= 0))
            expected(key, "a number >= 0", v);
        break;
    case value_kind::positive_number:
        if (!v.is_number() || !(v.get<double>() > 0))
            expected(key, "a number greater than 0", v);
        break;
    case value_kind::proxy_type:
        check_one_of(key, v, {"none", "socks4", "socks5", "http"});
        break;
    case value_kind::disk_io:
        check_one_of(key, v, {"auto", "mmap", "posix"});
        break;
    case value_kind::listen_interfaces:
        if (!v.is_string())
            expected(key, "a string like \"0.0.0.0:6881,[::]:6881\"", v);
        check_listen_interfaces(key, v.get_ref<std::string const&>());
        break;
    }
}

// file_filters: [{"name": ..., "pattern": ..., "apply": "include" | "exclude"}]. The patterns
// are the file_filters plugin's to compile.
void check_file_filters(json const& filters)
{
    if (!filters.is_array())
        expected("file_filters", "an array of filters", filters);
    for (std::size_t i = 0; i < filters.size(); ++i) {
        auto const at = "file_filters[" + std::to_string(i) + "]";
        auto const& f = filters[i];
        if (!f.is_object())
            expected(at, "an object with \"name\" and \"pattern\"", f);
        for (char const* field : {"name", "pattern"}) {
            auto it = f.find(field);
            if (it == f.end())
                fail(at, std::string("missing \"") + field + "\"");
            check_value(at + "." + field, value_kind::non_empty_string, *it);
        }
        if (auto it = f.find("apply"); it != f.end() && !it->is_null()) {
            if (!it->is_string() || (*it != "include" && *it != "exclude"))
                expected(at + ".apply", "\"include\" or \"exclude\"", *it);
        }
    }
}

// The value at a dotted key, or nullptr when it or a section on the way is absent or null.
// A section that is present but not an object is an error naming that section.
json const* find_key(json const& document, std::string_view key)
{
    json const* node = &document;
    std::size_t start = 0;
    while (true) {
        auto const dot = key.find('.', start);
        auto const name = std::string(
            key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        auto it = node->find(name);
        if (it == node->end() || it->is_null())
            return nullptr;
        if (dot == std::string_view::npos)
            return &*it;
        if (!it->is_object())
            expected(key.substr(0, dot), "an object", *it);
        node = &*it;
        start = dot + 1;
    }
}

// The slot for a dotted key, creating sections (and replacing nulls) on the way.
json& slot_for(json& document, std::string_view key)
{
    json* node = &document;
    std::size_t start = 0;
    while (true) {
        auto const dot = key.find('.', start);
        auto const name = std::string(
            key.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        json& child = (*node)[name];
        if (dot == std::string_view::npos)
            return child;
        if (child.is_null())
            child = json::object();
        node = &child;
        start = dot + 1;
    }
}

bool effective_bool(json const& document, std::string_view key)
{
    auto const* v = find_key(document, key);
    return v == nullptr || v->get<bool>();
}

} // namespace

std::vector<std::string> known_config_keys()
{
    std::vector<std::string> out;
    for (auto const& rule : key_rules())
        out.emplace_back(rule.key);
    for (char const* key :
         {"file_filters", "file_filters[].name", "file_filters[].pattern", "file_filters[].apply"})
        out.emplace_back(key);
    return out;
}

void validate_document(nlohmann::json const& document)
{
    if (!document.is_object())
        fail("(top level)", "expected an object, got " + describe(document));
    for (auto const& rule : key_rules()) {
        if (auto const* v = find_key(document, rule.key))
            check_value(rule.key, rule.kind, *v);
    }
    if (auto const* filters = find_key(document, "file_filters"))
        check_file_filters(*filters);
    if (!effective_bool(document, "session.enable_utp") && !effective_bool(document, "session.enable_tcp"))
        fail("session.enable_tcp", "uTP is disabled too: with neither TCP nor uTP no peer can connect");
}

nlohmann::json effective_config(nlohmann::json const& document)
{
    validate_document(document);
    json out = document;
    for (auto const& rule : key_rules()) {
        if (rule.default_value.is_null())
            continue;
        json& slot = slot_for(out, rule.key);
        if (slot.is_null())
            slot = rule.default_value;
    }
    if (json& save_path = slot_for(out, "save_path"); save_path.is_null())
        save_path = default_save_path().string();
    if (json& filters = slot_for(out, "file_filters"); filters.is_null())
        filters = json::array();
    return out;
}

} // namespace pico::config
