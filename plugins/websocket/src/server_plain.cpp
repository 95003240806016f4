#include "server_endpoint.hpp"

#include <websocketpp/config/asio_no_tls.hpp>

namespace pico::websocket {

std::unique_ptr<server> make_plain_server(server_options options, server_listener& listener, log_function log)
{
    return std::make_unique<detail::endpoint_server<websocketpp::config::asio>>(std::move(options), listener,
                                                                                std::move(log));
}

} // namespace pico::websocket
