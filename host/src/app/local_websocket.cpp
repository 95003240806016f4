#include "app/local_websocket.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace pico::app {

namespace {

using json = nlohmann::json;

json const& member(json const& object, char const* key)
{
    static json const none;
    if (!object.is_object())
        return none;
    auto const it = object.find(key);
    return it == object.end() ? none : *it;
}

std::string string_or_empty(json const& value)
{
    return value.is_string() ? value.get<std::string>() : std::string();
}

// A wildcard bind is reached on loopback; an IPv6 literal needs brackets.
std::string url_host(std::string const& listen_address)
{
    if (listen_address.empty() || listen_address == "0.0.0.0")
        return "127.0.0.1";
    if (listen_address == "::")
        return "[::1]";
    if (listen_address.find(':') != std::string::npos)
        return "[" + listen_address + "]";
    return listen_address;
}

} // namespace

std::optional<local_websocket> local_websocket_of(json const& config)
{
    auto const& plugins = member(config, "plugins");
    if (plugins.is_array() && std::find(plugins.begin(), plugins.end(), json("websocket")) == plugins.end())
        return std::nullopt;
    auto const& ws = member(config, "websocket");
    auto const& enabled = member(ws, "enabled");
    if (!enabled.is_boolean() || !enabled.get<bool>())
        return std::nullopt;
    local_websocket out;
    out.host = url_host(string_or_empty(member(ws, "listen_address")));
    auto const& port = member(ws, "listen_port");
    if (port.is_number_integer() && port.get<std::int64_t>() > 0 && port.get<std::int64_t>() <= 65535)
        out.port = static_cast<std::uint16_t>(port.get<std::int64_t>());
    out.certificate = string_or_empty(member(member(ws, "tls"), "certificate"));
    out.tls = !out.certificate.empty();
    out.token = string_or_empty(member(ws, "token"));
    auto const& serve = member(ws, "serve_dashboard");
    out.serves_dashboard = !serve.is_boolean() || serve.get<bool>();
    return out;
}

} // namespace pico::app
