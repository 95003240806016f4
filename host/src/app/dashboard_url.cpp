#include "app/dashboard_url.hpp"

#include "app/local_websocket.hpp"
#include "util/percent_encode.hpp"

#include <nlohmann/json.hpp>

namespace pico::app {

std::string dashboard_url(nlohmann::json const& config)
{
    auto const ws = local_websocket_of(config);
    if (!ws || !ws->serves_dashboard || ws->token.empty() || ws->port == 0)
        return {};
    return std::string(ws->tls ? "https" : "http") + "://" + ws->host + ":" + std::to_string(ws->port) +
           "/#token=" + util::percent_encode(ws->token);
}

} // namespace pico::app
