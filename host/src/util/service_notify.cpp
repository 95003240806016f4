#include "util/service_notify.hpp"

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace pico::util {

service_notifier service_notifier::from_environment()
{
    char const* value = std::getenv("NOTIFY_SOCKET");
    std::string socket = value != nullptr ? value : "";
    ::unsetenv("NOTIFY_SOCKET");
    return service_notifier(std::move(socket));
}

service_notifier::service_notifier(std::string socket) : m_socket(std::move(socket)) {}

std::string service_notifier::notify(std::string_view state) const
{
    if (m_socket.empty())
        return {};
    if (m_socket[0] != '/' && m_socket[0] != '@')
        return "NOTIFY_SOCKET '" + m_socket + "' is neither an absolute path nor an abstract name (@...)";
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (m_socket.size() >= sizeof(address.sun_path))
        return "NOTIFY_SOCKET is longer than a unix socket address can be";
    std::memcpy(address.sun_path, m_socket.data(), m_socket.size());
    // An abstract name starts with a NUL byte and is exactly as long as the address says: no
    // terminating NUL may be counted, or it names a different socket.
    socklen_t length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_socket.size());
    if (m_socket[0] == '@')
        address.sun_path[0] = '\0';
    else
        ++length;

    int const fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return std::string("cannot create a notify socket: ") + std::strerror(errno);
    ssize_t const sent = ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL,
                                  reinterpret_cast<sockaddr const*>(&address), length);
    int const error = errno;
    ::close(fd);
    if (sent < 0)
        return "cannot notify '" + m_socket + "': " + std::strerror(error);
    return {};
}

} // namespace pico::util
