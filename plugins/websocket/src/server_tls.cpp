#include "server_endpoint.hpp"

#include <boost/asio/ssl/context.hpp>
#include <websocketpp/config/asio.hpp>

namespace pico::websocket {

namespace {

using ssl_context = boost::asio::ssl::context;

// Loaded once: every connection shares the same context, and a bad file fails start().
std::shared_ptr<ssl_context> load_context(tls_settings const& tls)
{
    auto ctx = std::make_shared<ssl_context>(ssl_context::tls_server);
    ctx->set_options(ssl_context::default_workarounds | ssl_context::no_sslv2 | ssl_context::no_sslv3 |
                     ssl_context::no_tlsv1 | ssl_context::no_tlsv1_1 | ssl_context::single_dh_use);
    boost::system::error_code ec;
    ctx->use_certificate_chain_file(tls.certificate, ec);
    if (ec)
        throw std::runtime_error("cannot load websocket.tls.certificate '" + tls.certificate +
                                 "': " + ec.message());
    ctx->use_private_key_file(tls.private_key, ssl_context::pem, ec);
    if (ec)
        throw std::runtime_error("cannot load websocket.tls.private_key '" + tls.private_key +
                                 "': " + ec.message());
    return ctx;
}

} // namespace

std::unique_ptr<server> make_tls_server(server_options options, server_listener& listener, log_function log)
{
    auto ctx = load_context(options.tls);
    auto s = std::make_unique<detail::endpoint_server<websocketpp::config::asio_tls>>(
        std::move(options), listener, std::move(log));
    s->endpoint().set_tls_init_handler([ctx](websocketpp::connection_hdl) { return ctx; });
    return s;
}

} // namespace pico::websocket
