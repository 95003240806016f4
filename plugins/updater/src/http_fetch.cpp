#include "http_fetch.hpp"

#include "url.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <filesystem>
#include <memory>
#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <optional>

namespace pico::updater {
namespace {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
using boost::system::error_code;

bool is_redirect(unsigned status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string seconds_text(std::chrono::milliseconds d)
{
    auto const ms = d.count();
    return ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms";
}

// One request, following redirects, under one deadline. Kept alive by its pending handlers.
class fetch_operation : public std::enable_shared_from_this<fetch_operation> {
  public:
    fetch_operation(asio::io_context& ioc, fetch_request request, std::function<void(fetch_result)> done)
        : m_ioc(ioc), m_request(std::move(request)), m_done(std::move(done)), m_tls(ssl::context::tls_client),
          m_resolver(ioc), m_deadline(ioc)
    {
    }

    void start()
    {
        std::string error;
        auto u = parse_url(m_request.url, error);
        if (!u)
            return fail(error);
        m_deadline.expires_after(m_request.timeout);
        m_deadline.async_wait([self = shared_from_this()](error_code ec) {
            if (!ec)
                self->on_deadline();
        });
        open(std::move(*u));
    }

  private:
    // Starts one hop: resolve, connect, TLS handshake when https, request, response.
    void open(url u)
    {
        m_url = std::move(u);
        if (m_url.secure() && !m_trust_loaded) {
            if (auto error = load_trust(); !error.empty())
                return fail(error);
        }
        if (m_stream)
            m_stream->next_layer().close(m_ignored);
        m_stream.emplace(m_ioc, m_tls);
        m_resolver.async_resolve(
            m_url.host, std::to_string(m_url.port),
            [self = shared_from_this()](error_code ec, tcp::resolver::results_type results) {
                self->on_resolve(ec, std::move(results));
            });
    }

    // The system store, plus updater.ca_file; TLS 1.2 at least; the peer must present a valid chain.
    std::string load_trust()
    {
        m_trust_loaded = true;
        error_code ec;
        m_tls.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                              ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1,
                          ec);
        m_tls.set_verify_mode(ssl::verify_peer, ec);
        m_tls.set_default_verify_paths(ec);
        if (ec)
            return "cannot load the system certificate store: " + ec.message();
        if (!m_request.ca_file.empty()) {
            std::error_code fs_ec;
            if (!std::filesystem::is_regular_file(m_request.ca_file, fs_ec))
                return "updater.ca_file: " + m_request.ca_file + " is not a readable file";
            m_tls.load_verify_file(m_request.ca_file, ec);
            if (ec)
                return "updater.ca_file: cannot load " + m_request.ca_file + ": " + ec.message();
        }
        return {};
    }

    std::string where() const { return m_url.host_header(); }

    void on_resolve(error_code ec, tcp::resolver::results_type results)
    {
        if (ec)
            return fail("cannot resolve " + m_url.host + ": " + ec.message());
        asio::async_connect(
            m_stream->next_layer(), results,
            [self = shared_from_this()](error_code cec, tcp::endpoint const&) { self->on_connect(cec); });
    }

    void on_connect(error_code ec)
    {
        if (ec)
            return fail("cannot connect to " + where() + ": " + ec.message());
        if (!m_url.secure())
            return send(m_stream->next_layer());

        SSL* handle = m_stream->native_handle();
        X509_VERIFY_PARAM* param = SSL_get0_param(handle);
        error_code addr_ec;
        asio::ip::make_address(m_url.host, addr_ec);
        if (!addr_ec) {
            // An IP address: no SNI (RFC 6066 forbids it), the certificate must name the address.
            X509_VERIFY_PARAM_set1_ip_asc(param, m_url.host.c_str());
        } else {
            SSL_ctrl(handle, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                     const_cast<char*>(m_url.host.c_str()));
            X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
            X509_VERIFY_PARAM_set1_host(param, m_url.host.c_str(), m_url.host.size());
        }
        m_stream->set_verify_mode(ssl::verify_peer);
        m_stream->async_handshake(ssl::stream_base::client,
                                  [self = shared_from_this()](error_code hec) { self->on_handshake(hec); });
    }

    void on_handshake(error_code ec)
    {
        if (ec) {
            long const verify = SSL_get_verify_result(m_stream->native_handle());
            if (verify != X509_V_OK)
                return fail("certificate of " + where() +
                            " not trusted: " + X509_verify_cert_error_string(verify));
            return fail("TLS handshake with " + where() + " failed: " + ec.message());
        }
        send(*m_stream);
    }

    template <class Stream> void send(Stream& stream)
    {
        m_req = {};
        m_req.method(http::verb::get);
        m_req.target(m_url.target);
        m_req.version(11);
        m_req.set(http::field::host, m_url.host_header());
        m_req.set(http::field::user_agent, m_request.user_agent);
        m_req.set(http::field::accept, "application/json");
        m_req.set(http::field::connection, "close");
        http::async_write(stream, m_req, [self = shared_from_this(), &stream](error_code ec, std::size_t) {
            self->on_write(ec, stream);
        });
    }

    template <class Stream> void on_write(error_code ec, Stream& stream)
    {
        if (ec)
            return fail("sending the request to " + where() + " failed: " + ec.message());
        m_buffer.clear();
        m_parser.emplace();
        m_parser->header_limit(64 * 1024);
        m_parser->body_limit(m_request.body_limit);
        http::async_read(stream, m_buffer, *m_parser,
                         [self = shared_from_this()](error_code rec, std::size_t) { self->on_read(rec); });
    }

    void on_read(error_code ec)
    {
        if (ec == http::error::body_limit)
            return fail("response from " + where() + " is larger than " +
                        std::to_string(m_request.body_limit) + " bytes");
        if (ec)
            return fail("reading the response from " + where() + " failed: " + ec.message());

        auto& response = m_parser->get();
        unsigned const status = response.result_int();
        if (status == 200)
            return succeed(std::move(response.body()));
        if (is_redirect(status))
            return follow(std::string(response[http::field::location]));
        std::string reason(response.reason());
        fail("HTTP " + std::to_string(status) + (reason.empty() ? "" : " " + reason) + " from " +
             m_url.text());
    }

    void follow(std::string const& location)
    {
        if (++m_redirects > m_request.max_redirects)
            return fail("too many redirects (more than " + std::to_string(m_request.max_redirects) +
                        ") from " + m_request.url);
        std::string error;
        auto next = resolve_location(m_url, location, error);
        if (!next)
            return fail("bad redirect from " + m_url.text() + ": " + error);
        if (m_url.secure() && !next->secure())
            return fail("refused redirect from https to " + next->text());
        open(std::move(*next));
    }

    void on_deadline()
    {
        m_timed_out = true;
        m_resolver.cancel();
        if (m_stream)
            m_stream->next_layer().close(m_ignored);
    }

    void succeed(std::string body)
    {
        fetch_result r;
        r.ok = true;
        r.body = std::move(body);
        finish(std::move(r));
    }

    void fail(std::string error)
    {
        fetch_result r;
        // Every handler fails once the deadline closed the socket; the deadline is the real cause.
        r.error = m_timed_out
                      ? "no complete answer from " + where() + " within " + seconds_text(m_request.timeout)
                      : std::move(error);
        finish(std::move(r));
    }

    void finish(fetch_result r)
    {
        if (!m_done)
            return;
        m_deadline.cancel();
        m_resolver.cancel();
        if (m_stream)
            m_stream->next_layer().close(m_ignored);
        auto done = std::move(m_done);
        m_done = nullptr;
        done(std::move(r));
    }

    asio::io_context& m_ioc;
    fetch_request m_request;
    std::function<void(fetch_result)> m_done;
    ssl::context m_tls;
    bool m_trust_loaded = false;
    tcp::resolver m_resolver;
    asio::steady_timer m_deadline;
    url m_url;
    std::optional<ssl::stream<tcp::socket>> m_stream;
    http::request<http::empty_body> m_req;
    boost::beast::flat_buffer m_buffer;
    std::optional<http::response_parser<http::string_body>> m_parser;
    int m_redirects = 0;
    bool m_timed_out = false;
    error_code m_ignored;
};

} // namespace

void fetch(asio::io_context& ioc, fetch_request request, std::function<void(fetch_result)> done)
{
    std::make_shared<fetch_operation>(ioc, std::move(request), std::move(done))->start();
}

} // namespace pico::updater
