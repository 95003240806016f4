// The sd_notify datagram reaches a socket bound the way systemd binds it: a path, or a name in
// the abstract namespace ('@' in NOTIFY_SOCKET, a leading NUL byte in the address).
#include "util/service_notify.hpp"

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <gtest/gtest.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace {

using pico::util::service_notifier;

// A bound datagram socket standing in for systemd's notify socket.
struct listening_socket {
    explicit listening_socket(std::string const& name)
    {
        fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::memcpy(address.sun_path, name.data(), name.size());
        socklen_t length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + name.size());
        if (name[0] == '@')
            address.sun_path[0] = '\0';
        else
            ++length;
        bound = ::bind(fd, reinterpret_cast<sockaddr const*>(&address), length) == 0;
    }
    ~listening_socket() { ::close(fd); }
    listening_socket(listening_socket const&) = delete;
    listening_socket& operator=(listening_socket const&) = delete;

    std::string receive() const
    {
        char buffer[512];
        ssize_t const n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        return n < 0 ? std::string("<nothing>") : std::string(buffer, static_cast<std::size_t>(n));
    }

    int fd = -1;
    bool bound = false;
};

std::string unique_name(char const* tag)
{
    return std::string(tag) + std::to_string(::getpid());
}

TEST(service_notify, sends_to_a_socket_path)
{
    auto const path = std::filesystem::temp_directory_path() / unique_name("pico-notify-");
    std::filesystem::remove(path);
    listening_socket const systemd(path.string());
    ASSERT_TRUE(systemd.bound);
    service_notifier const notifier(path.string());
    EXPECT_TRUE(notifier.enabled());
    EXPECT_EQ(notifier.notify("READY=1"), "");
    EXPECT_EQ(systemd.receive(), "READY=1");
    std::filesystem::remove(path);
}

TEST(service_notify, sends_to_an_abstract_name_without_counting_a_terminating_nul)
{
    std::string name = "@";
    name += unique_name("pico-notify-abstract-");
    listening_socket const systemd(name);
    ASSERT_TRUE(systemd.bound);
    EXPECT_EQ(service_notifier(name).notify("STOPPING=1"), "");
    EXPECT_EQ(systemd.receive(), "STOPPING=1");
}

TEST(service_notify, without_a_socket_does_nothing)
{
    service_notifier const notifier;
    EXPECT_FALSE(notifier.enabled());
    EXPECT_EQ(notifier.notify("READY=1"), "");
}

TEST(service_notify, names_what_is_wrong_with_a_bad_socket)
{
    EXPECT_NE(service_notifier("relative/socket").notify("READY=1").find("neither an absolute path"),
              std::string::npos);
    EXPECT_NE(service_notifier("/" + std::string(200, 'x')).notify("READY=1").find("longer"),
              std::string::npos);
    EXPECT_NE(service_notifier("/nonexistent-dir-for-pico/notify").notify("READY=1").find("cannot notify"),
              std::string::npos);
}

TEST(service_notify, from_environment_takes_and_unsets_notify_socket)
{
    ::setenv("NOTIFY_SOCKET", "@pico-test", 1);
    auto const notifier = service_notifier::from_environment();
    EXPECT_TRUE(notifier.enabled());
    EXPECT_EQ(std::getenv("NOTIFY_SOCKET"), nullptr);
    EXPECT_FALSE(service_notifier::from_environment().enabled());
}

} // namespace
