// Readiness and stop notices for a service manager (systemd's Type=notify): the sd_notify(3)
// datagram protocol written directly, so the host needs no libsystemd.
#pragma once

#include <string>
#include <string_view>

namespace pico::util {

/// Where notices go: the socket named by $NOTIFY_SOCKET when the host started, or nowhere.
class service_notifier {
  public:
    /// Takes $NOTIFY_SOCKET and unsets it, so no process the host starts inherits it and
    /// speaks for the host (what sd_notify's unset_environment does).
    static service_notifier from_environment();

    /// `socket` is an absolute path, or '@' followed by a name in the abstract namespace;
    /// empty means there is no service manager and notify() does nothing.
    explicit service_notifier(std::string socket = {});

    /// True when there is a socket to notify.
    bool enabled() const { return !m_socket.empty(); }

    /// Sends one notice, e.g. "READY=1" or "STOPPING=1" (newline-separated assignments).
    /// Returns an empty string when it was sent or there is no socket, else why it failed.
    std::string notify(std::string_view state) const;

  private:
    std::string m_socket;
};

} // namespace pico::util
