#include "app/remote/ws_client.hpp"

#include "app/remote/ws_client_kinds.hpp"

#include <algorithm>
#include <cctype>

namespace pico::app::remote {

ws_target parse_ws_url(std::string const& url)
{
    ws_target t;
    std::string rest;
    if (url.rfind("ws://", 0) == 0) {
        rest = url.substr(5);
    } else if (url.rfind("wss://", 0) == 0) {
        t.tls = true;
        rest = url.substr(6);
    } else {
        throw remote_error("--url must start with ws:// or wss:// (got '" + url + "')");
    }
    auto const slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    if (slash != std::string::npos)
        t.path = rest.substr(slash);
    std::string port;
    if (!authority.empty() && authority.front() == '[') {
        auto const close = authority.find(']');
        if (close == std::string::npos)
            throw remote_error("--url has an unclosed '[' in its host");
        t.host = authority.substr(1, close - 1);
        if (close + 1 < authority.size() && authority[close + 1] == ':')
            port = authority.substr(close + 2);
    } else {
        auto const colon = authority.rfind(':');
        t.host = authority.substr(0, colon);
        if (colon != std::string::npos)
            port = authority.substr(colon + 1);
    }
    if (t.host.empty())
        throw remote_error("--url has no host: '" + url + "'");
    if (port.empty())
        port = t.tls ? "443" : "80";
    bool const digits =
        std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    if (!digits || port.size() > 5 || std::stoul(port) == 0 || std::stoul(port) > 65535)
        throw remote_error("--url has a bad port '" + port + "'");
    t.port = port;
    return t;
}

std::unique_ptr<ws_client> connect(ws_target const& target, std::string const& token,
                                   std::chrono::milliseconds timeout)
{
    return target.tls ? detail::connect_tls(target, token, timeout)
                      : detail::connect_plain(target, token, timeout);
}

} // namespace pico::app::remote
