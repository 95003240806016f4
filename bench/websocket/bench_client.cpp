#include "bench_client.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <spawn.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <websocketpp/client.hpp>
#include <websocketpp/config/asio_no_tls_client.hpp>

extern char** environ;

namespace pico::websocket::bench {
namespace {

std::int64_t now_us()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// Reads one line from a pipe, byte by byte (the lines are few and short).
bool read_line(int fd, std::string& line)
{
    line.clear();
    char c = 0;
    while (true) {
        auto const n = ::read(fd, &c, 1);
        if (n <= 0)
            return !line.empty();
        if (c == '\n')
            return true;
        line.push_back(c);
    }
}

} // namespace

int run_client(std::string const& url, int connections)
{
    using client_type = websocketpp::client<websocketpp::config::asio_client>;
    client_type endpoint;
    std::atomic<int> states{0};
    std::vector<std::int64_t> delays_us;
    std::uint64_t bytes = 0;
    std::uint64_t messages = 0;
    endpoint.clear_access_channels(websocketpp::log::alevel::all);
    endpoint.clear_error_channels(websocketpp::log::elevel::all);
    endpoint.init_asio();
    endpoint.set_max_message_size(256 * 1024 * 1024);
    endpoint.set_message_handler([&](websocketpp::connection_hdl, client_type::message_ptr msg) {
        auto const at = now_us();
        std::string const& text = msg->get_payload();
        if (text.compare(0, 21, "{\"type\":\"pico_state\",") == 0) {
            ++states;
            return;
        }
        if (text.compare(0, 25, "{\"type\":\"torrent_updated\"") != 0)
            return;
        bytes += text.size();
        ++messages;
        auto const eta = text.find("\"eta\":");
        if (eta != std::string::npos)
            delays_us.push_back(at - std::strtoll(text.c_str() + eta + 6, nullptr, 10));
    });
    for (int i = 0; i < connections; ++i) {
        websocketpp::lib::error_code ec;
        auto con = endpoint.get_connection(url, ec);
        if (ec)
            throw std::runtime_error(ec.message());
        endpoint.connect(con);
    }
    std::thread io([&] { endpoint.run(); });
    for (int i = 0; i < 1200 && states < connections; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (states < connections) {
        std::cerr << "websocket_bench client: only " << states << " of " << connections
                  << " got pico_state\n";
        std::_Exit(1);
    }
    std::cout << "ready" << std::endl;
    std::string line;
    while (read_line(STDIN_FILENO, line)) {
    }
    endpoint.stop();
    io.join();
    std::cout << "figures " << bytes << ' ' << messages << ' ' << delays_us.size() << '\n';
    for (auto d : delays_us)
        std::cout << d << '\n';
    std::cout.flush();
    return 0;
}

client_process spawn_client(std::string const& url, int connections)
{
    int in[2];
    int out[2];
    if (::pipe(in) != 0 || ::pipe(out) != 0)
        throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, in[0], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, in[1]);
    posix_spawn_file_actions_addclose(&actions, out[0]);
    std::string const count = std::to_string(connections);
    char const* argv[] = {"websocket_bench", "--client", url.c_str(), count.c_str(), nullptr};
    client_process c;
    int const rc =
        ::posix_spawn(&c.pid, "/proc/self/exe", &actions, nullptr, const_cast<char**>(argv), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(in[0]);
    ::close(out[1]);
    if (rc != 0)
        throw std::runtime_error("cannot spawn a client process");
    c.to_child = in[1];
    c.from_child = out[0];
    return c;
}

void wait_ready(client_process const& c)
{
    std::string line;
    if (!read_line(c.from_child, line) || line != "ready")
        throw std::runtime_error("a client process failed before it was ready");
}

client_figures finish(client_process& c)
{
    ::close(c.to_child);
    client_figures f;
    std::string text;
    char buf[65536];
    for (ssize_t n; (n = ::read(c.from_child, buf, sizeof buf)) > 0;)
        text.append(buf, static_cast<std::size_t>(n));
    ::close(c.from_child);
    int status = 0;
    rusage usage{};
    ::wait4(c.pid, &status, 0, &usage);
    f.cpu_seconds = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                    static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    std::size_t count = 0;
    char const* p = text.c_str();
    if (std::sscanf(p, "figures %lu %lu %zu", &f.bytes, &f.messages, &count) != 3)
        throw std::runtime_error("a client process reported nothing");
    p = std::strchr(p, '\n');
    for (std::size_t i = 0; i < count && p; ++i) {
        f.delays_us.push_back(std::strtoll(p + 1, nullptr, 10));
        p = std::strchr(p + 1, '\n');
    }
    return f;
}

} // namespace pico::websocket::bench
