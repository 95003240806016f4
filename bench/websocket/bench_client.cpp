#include "bench_client.hpp"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <stdexcept>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace pico::websocket::bench {
namespace {

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

client_process spawn_client(std::string const& url, int connections)
{
    int in[2];
    int out[2];
    // Close-on-exec, or the next child inherits this one's stdin writer and it never sees EOF.
    if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0)
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
