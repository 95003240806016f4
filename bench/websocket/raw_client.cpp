// Client mode of the fan-out benchmark (see bench_client.hpp): plain sockets and poll(), no
// WebSocket library. A frame is stamped when its first 256 payload bytes (or all of a shorter
// one) have arrived, and the rest is skipped unread-into-anything, so the clients cost little
// more than the kernel's copy and the figure is the server's, not the clients' parsing.
#include "bench_client.hpp"

#include <arpa/inet.h>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdexcept>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace pico::websocket::bench {
namespace {

std::int64_t now_us()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

constexpr std::size_t prefix_bytes = 256;

// One connection's place in the byte stream of frames.
struct connection {
    int fd = -1;
    bool upgraded = false;
    std::string head;          // the HTTP response, then the current frame's header + payload prefix
    std::uint64_t payload = 0; // payload length of the current frame (once its header is complete)
    std::size_t header = 0;    // header length of the current frame (0: not complete yet)
    std::uint64_t skipped = 0; // payload bytes of the current frame past the prefix, consumed
    bool stamped = false;
};

// Header length and payload length, once `h` holds a whole header; false before.
bool parse_header(std::string const& h, std::size_t& header, std::uint64_t& payload)
{
    if (h.size() < 2)
        return false;
    auto const len7 = static_cast<unsigned char>(h[1]) & 0x7f;
    std::size_t need = len7 == 126 ? 4 : len7 == 127 ? 10 : 2;
    if (h.size() < need)
        return false;
    if (len7 < 126) {
        payload = len7;
    } else {
        payload = 0;
        for (std::size_t i = 2; i < need; ++i)
            payload = (payload << 8) | static_cast<unsigned char>(h[i]);
    }
    header = need;
    return true;
}

int open_connection(std::uint16_t port, std::string const& target)
{
    int const fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    std::string const request =
        "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
        "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
    if (::write(fd, request.data(), request.size()) != static_cast<ssize_t>(request.size()))
        throw std::runtime_error("cannot send the handshake");
    return fd;
}

} // namespace

int run_client(std::string const& url, int count)
{
    // ws://127.0.0.1:PORT/PATH
    auto const host_end = url.find(':', 5);
    auto const path = url.find('/', host_end);
    auto const port = static_cast<std::uint16_t>(std::stoi(url.substr(host_end + 1, path - host_end - 1)));
    std::vector<connection> conns(static_cast<std::size_t>(count));
    for (auto& c : conns)
        c.fd = open_connection(port, url.substr(path));

    int states = 0;
    bool ready_sent = false;
    std::vector<std::int64_t> delays_us;
    std::uint64_t bytes = 0;
    std::uint64_t messages = 0;
    std::vector<char> buf(1 << 20);
    std::vector<pollfd> fds;
    for (auto const& c : conns)
        fds.push_back({c.fd, POLLIN, 0});
    fds.push_back({STDIN_FILENO, POLLIN, 0});

    auto on_frame_prefix = [&](connection& c) {
        auto const at = now_us();
        std::string_view const text(c.head.data() + c.header, c.head.size() - c.header);
        if (text.substr(0, 21) == "{\"type\":\"pico_state\",") {
            ++states;
            return;
        }
        if (text.substr(0, 25) != "{\"type\":\"torrent_updated\"")
            return;
        bytes += c.payload;
        ++messages;
        auto const eta = text.find("\"eta\":");
        if (eta != std::string_view::npos)
            delays_us.push_back(at - std::strtoll(text.data() + eta + 6, nullptr, 10));
    };

    while (true) {
        if (!ready_sent && states == count) {
            std::cout << "ready" << std::endl;
            ready_sent = true;
        }
        if (::poll(fds.data(), fds.size(), 1000) < 0)
            throw std::runtime_error("poll failed");
        if (fds.back().revents & (POLLIN | POLLHUP)) {
            char b[64];
            if (::read(STDIN_FILENO, b, sizeof b) <= 0)
                break; // the parent closed our stdin: report
        }
        for (std::size_t i = 0; i < conns.size(); ++i) {
            if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            auto& c = conns[i];
            auto const n = ::read(c.fd, buf.data(), buf.size());
            if (n <= 0) {
                std::cerr << "websocket_bench client: a connection closed\n";
                std::_Exit(1);
            }
            std::size_t at = 0;
            auto got = static_cast<std::size_t>(n);
            while (at < got) {
                if (!c.upgraded) {
                    c.head.append(buf.data() + at, got - at);
                    at = got;
                    auto const end = c.head.find("\r\n\r\n");
                    if (end == std::string::npos)
                        continue;
                    if (c.head.compare(0, 12, "HTTP/1.1 101") != 0) {
                        std::cerr << "websocket_bench client: handshake refused\n";
                        std::_Exit(1);
                    }
                    c.upgraded = true;
                    std::string rest = c.head.substr(end + 4);
                    c.head.clear();
                    // Feed what followed the response back through the frame path.
                    std::memcpy(buf.data(), rest.data(), rest.size());
                    at = 0;
                    got = rest.size();
                    continue;
                }
                if (c.header == 0) {
                    c.head.push_back(buf[at++]);
                    parse_header(c.head, c.header, c.payload);
                    if (c.header == 0)
                        continue;
                }
                // Prefix bytes into head, the rest only counted.
                auto const want_prefix =
                    static_cast<std::size_t>(std::min<std::uint64_t>(c.payload, prefix_bytes));
                auto const have_prefix = c.head.size() - c.header;
                if (have_prefix < want_prefix) {
                    auto const take = std::min(want_prefix - have_prefix, got - at);
                    c.head.append(buf.data() + at, take);
                    at += take;
                }
                if (!c.stamped && c.head.size() - c.header == want_prefix) {
                    c.stamped = true;
                    on_frame_prefix(c);
                }
                auto const remaining = c.payload - want_prefix - c.skipped;
                auto const skip = std::min<std::uint64_t>(remaining, got - at);
                c.skipped += skip;
                at += static_cast<std::size_t>(skip);
                if (c.stamped && c.skipped == c.payload - want_prefix) {
                    c.head.clear();
                    c.header = 0;
                    c.payload = 0;
                    c.skipped = 0;
                    c.stamped = false;
                }
            }
        }
    }
    std::cout << "figures " << bytes << ' ' << messages << ' ' << delays_us.size() << '\n';
    for (auto d : delays_us)
        std::cout << d << '\n';
    std::cout.flush();
    for (auto const& c : conns)
        ::close(c.fd);
    return 0;
}

} // namespace pico::websocket::bench
