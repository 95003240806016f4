#include "app/dashboard_url.hpp"

#include "app/local_websocket.hpp"

#include <nlohmann/json.hpp>

namespace pico::app {

namespace {

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

} // namespace

std::string dashboard_url(nlohmann::json const& config)
{
    auto const ws = local_websocket_of(config);
    if (!ws || !ws->serves_dashboard || ws->token.empty() || ws->port == 0)
        return {};
    return std::string(ws->tls ? "https" : "http") + "://" + ws->host + ":" + std::to_string(ws->port) +
           "/#token=" + percent_encode(ws->token);
}

} // namespace pico::app
