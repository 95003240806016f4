#include "app/dashboard_url.hpp"

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

// The fragment is read by the page's script, which decodes it; keep it to unreserved characters.
std::string percent_encode(std::string const& text)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        bool const unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~';
        if (unreserved) {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 0x0f]);
        }
    }
    return out;
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

std::string dashboard_url(json const& config)
{
    auto const& plugins = member(config, "plugins");
    if (plugins.is_array() && std::find(plugins.begin(), plugins.end(), json("websocket")) == plugins.end())
        return {};
    auto const& ws = member(config, "websocket");
    auto const& enabled = member(ws, "enabled");
    auto const& serve = member(ws, "serve_dashboard");
    auto const& token = member(ws, "token");
    auto const& port = member(ws, "listen_port");
    if (!enabled.is_boolean() || !enabled.get<bool>() || (serve.is_boolean() && !serve.get<bool>()) ||
        !token.is_string() || token.get<std::string>().empty() || !port.is_number_integer() ||
        port.get<std::int64_t>() <= 0)
        return {};
    auto const& address = member(ws, "listen_address");
    auto const& certificate = member(member(ws, "tls"), "certificate");
    bool const tls = certificate.is_string() && !certificate.get<std::string>().empty();
    return std::string(tls ? "https" : "http") + "://" +
           url_host(address.is_string() ? address.get<std::string>() : std::string()) + ":" +
           std::to_string(port.get<std::int64_t>()) + "/#token=" + percent_encode(token.get<std::string>());
}

} // namespace pico::app
