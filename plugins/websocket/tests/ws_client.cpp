#include "ws_client.hpp"

#include <arpa/inet.h>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/context.hpp>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <netinet/in.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_client.hpp>

namespace pico::websocket::testing {

struct ws_client::impl {
    virtual ~impl() = default;
    virtual bool open(std::string const& uri, std::vector<std::string> const& subprotocols,
                      std::chrono::milliseconds timeout) = 0;
    virtual void send(std::string const& text) = 0;
    virtual void close() = 0;

    std::optional<std::string> receive(std::chrono::milliseconds timeout)
    {
        std::unique_lock<std::mutex> lock(mutex);
        cv.wait_for(lock, timeout, [&] { return !messages.empty() || closed; });
        if (messages.empty())
            return std::nullopt;
        auto m = std::move(messages.front());
        messages.pop_front();
        return m;
    }

    bool wait_closed(std::chrono::milliseconds timeout)
    {
        std::unique_lock<std::mutex> lock(mutex);
        return cv.wait_for(lock, timeout, [&] { return closed; });
    }

    mutable std::mutex mutex;
    std::condition_variable cv;
    std::deque<std::string> messages;
    bool opened = false;
    bool closed = false;
    int status = 0;
    int code = 0;
    std::string subprotocol;
};

namespace {

template <class Config> struct client_impl final : ws_client::impl {
    using client_type = websocketpp::client<Config>;

    explicit client_impl(std::string ca_file) : m_ca_file(std::move(ca_file))
    {
        m_client.clear_access_channels(websocketpp::log::alevel::all);
        m_client.clear_error_channels(websocketpp::log::elevel::all);
        m_client.init_asio();
        m_client.set_max_message_size(64 * 1024 * 1024);
        m_client.start_perpetual();
        configure_tls();
        m_client.set_open_handler([this](websocketpp::connection_hdl h) {
            auto con = m_client.get_con_from_hdl(h);
            std::lock_guard<std::mutex> lock(mutex);
            opened = true;
            status = con->get_response().get_status_code();
            subprotocol = con->get_response_header("Sec-WebSocket-Protocol");
            cv.notify_all();
        });
        m_client.set_fail_handler([this](websocketpp::connection_hdl h) {
            auto con = m_client.get_con_from_hdl(h);
            std::lock_guard<std::mutex> lock(mutex);
            status = con->get_response().get_status_code();
            closed = true;
            cv.notify_all();
        });
        m_client.set_close_handler([this](websocketpp::connection_hdl h) {
            auto con = m_client.get_con_from_hdl(h);
            std::lock_guard<std::mutex> lock(mutex);
            code = con->get_remote_close_code();
            closed = true;
            cv.notify_all();
        });
        m_client.set_message_handler(
            [this](websocketpp::connection_hdl, typename client_type::message_ptr msg) {
                std::lock_guard<std::mutex> lock(mutex);
                messages.push_back(msg->get_payload());
                cv.notify_all();
            });
        m_thread = std::thread([this] { m_client.run(); });
    }

    ~client_impl() override
    {
        m_client.stop_perpetual();
        close();
        m_client.stop();
        m_thread.join();
    }

    void configure_tls();

    bool open(std::string const& uri, std::vector<std::string> const& subprotocols,
              std::chrono::milliseconds timeout) override
    {
        websocketpp::lib::error_code ec;
        auto con = m_client.get_connection(uri, ec);
        if (ec)
            throw std::runtime_error("bad uri " + uri + ": " + ec.message());
        for (auto const& p : subprotocols)
            con->add_subprotocol(p);
        m_hdl = con->get_handle();
        m_client.connect(con);
        std::unique_lock<std::mutex> lock(mutex);
        cv.wait_for(lock, timeout, [&] { return opened || closed; });
        return opened;
    }

    void send(std::string const& text) override
    {
        websocketpp::lib::error_code ec;
        m_client.send(m_hdl, text, websocketpp::frame::opcode::text, ec);
    }

    void close() override
    {
        {
            std::lock_guard<std::mutex> lock(mutex);
            if (!opened || closed)
                return;
        }
        // On the client's own thread: websocketpp 0.8.2's close writes connection fields that its
        // read handler reads there without a lock (ThreadSanitizer saw it).
        // A close that cannot start counts as closed, so the wait below does not sit out its bound.
        boost::asio::post(m_client.get_io_service(), [this] {
            websocketpp::lib::error_code ec;
            m_client.close(m_hdl, websocketpp::close::status::normal, "bye", ec);
            if (ec) {
                std::lock_guard<std::mutex> lock(mutex);
                closed = true;
                cv.notify_all();
            }
        });
        wait_closed(std::chrono::seconds(10));
    }

    std::string m_ca_file;
    client_type m_client;
    websocketpp::connection_hdl m_hdl;
    std::thread m_thread;
};

template <> void client_impl<websocketpp::config::asio_client>::configure_tls() {}

template <> void client_impl<websocketpp::config::asio_tls_client>::configure_tls()
{
    m_client.set_tls_init_handler([this](websocketpp::connection_hdl) {
        auto ctx = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_client);
        ctx->load_verify_file(m_ca_file);
        ctx->set_verify_mode(boost::asio::ssl::verify_peer);
        return ctx;
    });
}

} // namespace

ws_client::ws_client(std::string ca_file)
{
    if (ca_file.empty())
        m_impl = std::make_unique<client_impl<websocketpp::config::asio_client>>(std::string());
    else
        m_impl = std::make_unique<client_impl<websocketpp::config::asio_tls_client>>(std::move(ca_file));
}

ws_client::~ws_client() = default;

bool ws_client::open(std::string const& uri, std::vector<std::string> const& subprotocols,
                     std::chrono::milliseconds timeout)
{
    return m_impl->open(uri, subprotocols, timeout);
}

int ws_client::http_status() const
{
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    return m_impl->status;
}

std::string ws_client::subprotocol() const
{
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    return m_impl->subprotocol;
}

std::optional<std::string> ws_client::receive(std::chrono::milliseconds timeout)
{
    return m_impl->receive(timeout);
}

std::size_t ws_client::pending() const
{
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    return m_impl->messages.size();
}

void ws_client::send(std::string const& text)
{
    m_impl->send(text);
}
void ws_client::close()
{
    m_impl->close();
}
bool ws_client::wait_closed(std::chrono::milliseconds timeout)
{
    return m_impl->wait_closed(timeout);
}

int ws_client::close_code() const
{
    std::lock_guard<std::mutex> lock(m_impl->mutex);
    return m_impl->code;
}

// --- raw_client -------------------------------------------------------------------------

raw_client::raw_client(std::uint16_t port, int receive_buffer)
{
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (m_fd < 0)
        throw std::runtime_error("socket() failed");
    if (receive_buffer > 0)
        ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer, sizeof receive_buffer);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(m_fd);
        throw std::runtime_error("connect to 127.0.0.1:" + std::to_string(port) + " failed");
    }
}

raw_client::~raw_client()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void raw_client::write(std::string const& bytes)
{
    std::size_t done = 0;
    while (done < bytes.size()) {
        auto const n = ::send(m_fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0)
            throw std::runtime_error("send failed");
        done += static_cast<std::size_t>(n);
    }
}

void raw_client::send_upgrade(std::string const& resource, std::string const& host, std::string const& origin,
                              std::vector<std::string> const& extra)
{
    std::string req = "GET " + resource + " HTTP/1.1\r\n";
    if (!host.empty())
        req += "Host: " + host + "\r\n";
    if (!origin.empty())
        req += "Origin: " + origin + "\r\n";
    req += "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           "Sec-WebSocket-Version: 13\r\n";
    for (auto const& line : extra)
        req += line + "\r\n";
    req += "\r\n";
    write(req);
}

namespace {

// Reads what is available within `timeout`; returns false on EOF/error.
bool read_some(int fd, std::string& into, std::chrono::milliseconds timeout)
{
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) <= 0)
        return true;
    char buf[65536];
    auto const n = ::recv(fd, buf, sizeof buf, 0);
    if (n <= 0)
        return false;
    into.append(buf, static_cast<std::size_t>(n));
    return true;
}

} // namespace

raw_response raw_client::read_response(std::chrono::milliseconds timeout)
{
    raw_response r;
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    while (m_buffer.find("\r\n\r\n") == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        if (!read_some(m_fd, m_buffer, std::chrono::milliseconds(100)))
            break;
    }
    auto const end = m_buffer.find("\r\n\r\n");
    if (end == std::string::npos)
        return r;
    r.headers = m_buffer.substr(0, end + 4);
    m_buffer.erase(0, end + 4);
    if (r.headers.rfind("HTTP/1.1 ", 0) == 0)
        r.status = std::stoi(r.headers.substr(9, 3));
    return r;
}

std::string raw_client::read_until_closed(std::chrono::milliseconds timeout, bool* closed)
{
    std::string out = std::move(m_buffer);
    m_buffer.clear();
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    bool eof = false;
    while (!eof && std::chrono::steady_clock::now() < deadline)
        eof = !read_some(m_fd, out, std::chrono::milliseconds(50));
    if (closed)
        *closed = eof;
    return out;
}

std::string client_frame(std::string const& payload)
{
    std::string f;
    f.push_back(static_cast<char>(0x81));
    std::size_t const n = payload.size();
    if (n < 126) {
        f.push_back(static_cast<char>(0x80 | n));
    } else if (n < 65536) {
        f.push_back(static_cast<char>(0x80 | 126));
        f.push_back(static_cast<char>((n >> 8) & 0xff));
        f.push_back(static_cast<char>(n & 0xff));
    } else {
        f.push_back(static_cast<char>(0x80 | 127));
        for (int i = 7; i >= 0; --i)
            f.push_back(static_cast<char>((static_cast<std::uint64_t>(n) >> (8 * i)) & 0xff));
    }
    unsigned char const key[4] = {0x12, 0x34, 0x56, 0x78};
    for (unsigned char k : key)
        f.push_back(static_cast<char>(k));
    for (std::size_t i = 0; i < n; ++i)
        f.push_back(static_cast<char>(static_cast<unsigned char>(payload[i]) ^ key[i % 4]));
    return f;
}

} // namespace pico::websocket::testing
