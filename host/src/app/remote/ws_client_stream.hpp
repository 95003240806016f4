// The Beast client behind ws_client, as a template over the stream type: ws_client_plain.cpp and
// ws_client_tls.cpp each instantiate one (both in one file took over a minute to compile, and
// one core did it while the other waited). Private to app/remote.
#pragma once

#include "app/remote/ws_client.hpp"
#include "util/percent_encode.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <type_traits>

namespace pico::app::remote::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

inline std::string describe(beast::error_code const& ec)
{
    if (ec == asio::error::operation_aborted || ec == beast::error::timeout)
        return "timed out";
    return ec.message();
}

// Runs the io_context until `done` or `timeout`; cancels the socket on timeout so the pending
// operation completes with operation_aborted.
template <class Socket>
bool run_bounded(asio::io_context& io, Socket& socket, bool const& done, std::chrono::milliseconds timeout)
{
    io.restart();
    asio::steady_timer timer(io, timeout);
    bool timed_out = false;
    bool timer_done = false;
    timer.async_wait([&](beast::error_code ec) {
        timer_done = true;
        if (!ec && !done) {
            timed_out = true;
            beast::get_lowest_layer(socket).cancel();
        }
    });
    while (!done && io.run_one() > 0) {
    }
    // Wait for the timer's handler only: other work (a signal_set) may stay pending.
    timer.cancel();
    while (!timer_done && io.run_one() > 0) {
    }
    return !timed_out;
}

using plain_stream = websocket::stream<beast::tcp_stream>;
using tls_stream = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

// The io_context (and the TLS context) must outlive the stream built on them: a base class is
// constructed first and destroyed last.
struct io_contexts {
    asio::io_context io;
    asio::ssl::context ssl{asio::ssl::context::tls_client};
};

template <class Stream> class client_impl final : private io_contexts, public ws_client {
  public:
    client_impl() : m_ws(make_stream()) {}

    Stream& stream() { return m_ws; }
    asio::io_context& context() { return io; }
    asio::ssl::context& tls_context() { return ssl; }

    void send(std::string const& text) override
    {
        m_ws.text(true);
        beast::error_code ec;
        m_ws.write(asio::buffer(text), ec);
        if (ec)
            throw remote_error("the connection failed while sending: " + ec.message());
    }

    std::optional<std::string> receive(std::chrono::milliseconds timeout) override
    {
        bool done = false;
        beast::error_code result;
        m_buffer.clear();
        m_ws.async_read(m_buffer, [&](beast::error_code ec, std::size_t) {
            result = ec;
            done = true;
        });
        bool const in_time = run_bounded(io, m_ws, done, timeout);
        if (m_interrupted) {
            m_broken = true; // a cancelled read leaves the stream unusable
            return std::nullopt;
        }
        if (!in_time) {
            m_broken = true;
            throw remote_error("no message from the host within " + std::to_string(timeout.count() / 1000) +
                               " s");
        }
        if (result == websocket::error::closed)
            throw remote_error("the host closed the connection");
        if (result)
            throw remote_error("the connection failed: " + describe(result));
        return beast::buffers_to_string(m_buffer.data());
    }

    void stop_on_signals() override
    {
        if (m_signals)
            return;
        m_signals = std::make_unique<asio::signal_set>(io, SIGINT, SIGTERM);
        wait_for_signal();
    }

    void close() override
    {
        if (m_broken)
            return;
        m_broken = true;
        bool done = false;
        m_ws.async_close(websocket::close_code::normal, [&](beast::error_code) { done = true; });
        (void)run_bounded(io, m_ws, done, std::chrono::seconds(2));
    }

  private:
    void wait_for_signal()
    {
        m_signals->async_wait([this](beast::error_code ec, int) {
            if (ec)
                return;
            m_interrupted = true;
            beast::get_lowest_layer(m_ws).cancel();
        });
    }

    Stream make_stream()
    {
        if constexpr (std::is_same_v<Stream, tls_stream>)
            return Stream(io, ssl);
        else
            return Stream(io);
    }

    Stream m_ws;
    beast::flat_buffer m_buffer;
    std::unique_ptr<asio::signal_set> m_signals;
    bool m_interrupted = false;
    bool m_broken = false;
};

template <class Client, class Op>
void step(Client& c, std::chrono::milliseconds timeout, std::string const& what, Op start)
{
    bool done = false;
    beast::error_code result;
    start([&](beast::error_code ec) {
        result = ec;
        done = true;
    });
    if (!run_bounded(c.context(), c.stream(), done, timeout))
        throw remote_error(what + ": timed out");
    if (result)
        throw remote_error(what + ": " + describe(result));
}

template <class Client>
void open(Client& c, ws_target const& t, std::string const& token, std::chrono::milliseconds timeout)
{
    std::string const where = (t.tls ? "wss://" : "ws://") +
                              (t.host.find(':') != std::string::npos ? "[" + t.host + "]" : t.host) + ":" +
                              t.port;
    tcp::resolver resolver(c.context());
    beast::error_code ec;
    auto const endpoints = resolver.resolve(t.host, t.port, ec);
    if (ec)
        throw remote_error("cannot resolve " + t.host + ": " + ec.message());
    auto& tcp_layer = beast::get_lowest_layer(c.stream());
    step(c, timeout, "cannot connect to " + where, [&](auto done) {
        tcp_layer.async_connect(endpoints, [done](beast::error_code e, tcp::endpoint const&) { done(e); });
    });
    if constexpr (std::is_same_v<Client, client_impl<tls_stream>>) {
        auto& tls = c.tls_context();
        tls.set_default_verify_paths();
        if (!t.ca_file.empty()) {
            tls.load_verify_file(t.ca_file, ec);
            if (ec)
                throw remote_error("cannot read the CA file " + t.ca_file + ": " + ec.message());
        }
        auto& ssl_layer = c.stream().next_layer();
        ssl_layer.set_verify_mode(asio::ssl::verify_peer);
        ssl_layer.set_verify_callback(asio::ssl::host_name_verification(t.host));
        // SNI; SSL_set_tlsext_host_name is a macro with a C cast, so call what it expands to.
        if (SSL_ctrl(ssl_layer.native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                     const_cast<char*>(t.host.c_str())) != 1)
            throw remote_error("cannot set the TLS server name " + t.host);
        step(c, timeout, "TLS with " + where + " failed",
             [&](auto done) { ssl_layer.async_handshake(asio::ssl::stream_base::client, done); });
    }
    websocket::response_type response;
    std::string const host_header =
        (t.host.find(':') != std::string::npos ? "[" + t.host + "]" : t.host) + ":" + t.port;
    std::string const target =
        t.path + (t.path.find('?') == std::string::npos ? "?" : "&") + "token=" + util::percent_encode(token);
    bool done = false;
    beast::error_code result;
    c.stream().async_handshake(response, host_header, target, [&](beast::error_code e) {
        result = e;
        done = true;
    });
    if (!run_bounded(c.context(), c.stream(), done, timeout))
        throw remote_error("no WebSocket handshake from " + where + ": timed out");
    if (result == websocket::error::upgrade_declined) {
        int const status = response.result_int();
        if (status == 401)
            throw remote_error(where + " refused the token (HTTP 401): check --token or websocket.token");
        if (status == 403)
            throw remote_error(
                where +
                " refused this client (HTTP 403): the Host check; add the name to websocket.allowed_hosts");
        throw remote_error(where + " refused the WebSocket handshake (HTTP " + std::to_string(status) + ")");
    }
    if (result)
        throw remote_error("WebSocket handshake with " + where + " failed: " + describe(result));
    c.stream().read_message_max(64 * 1024 * 1024);
}

/// Connects a client over `Stream` and completes the handshake (see connect()).
template <class Stream>
std::unique_ptr<ws_client> connect_over(ws_target const& target, std::string const& token,
                                        std::chrono::milliseconds timeout)
{
    auto c = std::make_unique<client_impl<Stream>>();
    open(*c, target, token, timeout);
    return c;
}

} // namespace pico::app::remote::detail
