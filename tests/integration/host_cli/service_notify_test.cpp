// `picotorrent run` under a service manager (systemd's Type=notify): READY=1 on the socket
// named by NOTIFY_SOCKET once plugins and session are up, STOPPING=1 when SIGTERM stops it.
// The test binds that socket itself, in the abstract namespace as systemd does.
#include "interop_fixture.hpp"
#include "support/test_support.hpp"

#include <cstddef>
#include <cstring>
#include <gtest/gtest.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

namespace ts = pico::test_support;
using namespace pico::interop;
using namespace std::chrono_literals;

// A datagram socket bound to "@<name>" (a leading NUL byte in the address).
class notify_socket {
  public:
    notify_socket() : m_name("@pico-notify-test-" + std::to_string(::getpid()))
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path + 1, m_name.data() + 1, m_name.size() - 1);
        auto const length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_name.size());
        if (::bind(m_fd, reinterpret_cast<sockaddr const*>(&address), length) != 0)
            throw std::runtime_error(std::string("cannot bind the notify socket: ") + std::strerror(errno));
    }
    ~notify_socket() { ::close(m_fd); }
    notify_socket(notify_socket const&) = delete;
    notify_socket& operator=(notify_socket const&) = delete;

    /// What NOTIFY_SOCKET says to reach it.
    std::string const& name() const { return m_name; }

    /// The next datagram, or "" when none comes within `timeout`.
    std::string receive(std::chrono::milliseconds timeout) const
    {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1)
            return {};
        char buffer[4096];
        ssize_t const n = ::recv(m_fd, buffer, sizeof buffer, 0);
        return n <= 0 ? std::string() : std::string(buffer, static_cast<std::size_t>(n));
    }

  private:
    std::string m_name;
    int m_fd = -1;
};

bool has_line(std::string const& message, std::string const& line)
{
    return ("\n" + message + "\n").find("\n" + line + "\n") != std::string::npos;
}

TEST(service_notify, run_says_ready_when_the_websocket_accepts_and_stopping_on_sigterm)
{
    ts::temp_dir tmp;
    auto const ws_port = ts::free_tcp_port();
    auto const config = ts::write_loopback_host_config(
        tmp.path() / "c.json",
        {{"websocket", {{"enabled", true}, {"listen_port", ws_port}, {"token", "notify-test-token"}}}});
    notify_socket systemd;
    ts::child_process run(picotorrent(),
                          {"run", "--config", config.string(), "--state-dir", (tmp.path() / "state").string(),
                           "--plugins", "websocket"},
                          {{"NOTIFY_SOCKET", systemd.name()}});

    auto const ready = systemd.receive(60s);
    ASSERT_TRUE(has_line(ready, "READY=1")) << "got '" << ready << "'\n" << run.stderr_text();
    // Ready promises the plugins are up: the WebSocket accepts now, without waiting.
    EXPECT_TRUE(tcp_listening(ws_port)) << run.stderr_text();
    EXPECT_TRUE(run.running());

    run.kill(SIGTERM);
    auto const stopping = systemd.receive(60s);
    EXPECT_TRUE(has_line(stopping, "STOPPING=1")) << "got '" << stopping << "'";
    EXPECT_EQ(run.wait(60s), 0) << run.stderr_text();
    EXPECT_EQ(run.stderr_text().find("warning [host] cannot notify"), std::string::npos) << run.stderr_text();
}

TEST(service_notify, run_that_refuses_to_start_never_says_ready)
{
    ts::temp_dir tmp;
    auto const config = ts::write_loopback_host_config(tmp.path() / "c.json");
    notify_socket systemd;
    // An unknown --plugins id stops the host before the session starts.
    ts::child_process run(picotorrent(),
                          {"run", "--config", config.string(), "--state-dir", (tmp.path() / "state").string(),
                           "--plugins", "no_such_plugin"},
                          {{"NOTIFY_SOCKET", systemd.name()}});
    EXPECT_NE(run.wait(60s), 0) << run.stderr_text();
    std::string all;
    for (auto m = systemd.receive(100ms); !m.empty(); m = systemd.receive(100ms))
        all += m + "\n";
    EXPECT_FALSE(has_line(all, "READY=1")) << all;
}

} // namespace
