#include "support/loopback.hpp"

#include <arpa/inet.h>
#include <cerrno>
#include <libtorrent/alert.hpp>
#include <netinet/in.h>
#include <sys/socket.h>
#include <system_error>
#include <unistd.h>

namespace pico::test_support {

lt::settings_pack loopback_settings()
{
    lt::settings_pack s;
    s.set_str(lt::settings_pack::listen_interfaces, "127.0.0.1:0");
    s.set_bool(lt::settings_pack::enable_dht, false);
    s.set_bool(lt::settings_pack::enable_lsd, false);
    s.set_bool(lt::settings_pack::enable_upnp, false);
    s.set_bool(lt::settings_pack::enable_natpmp, false);
    s.set_str(lt::settings_pack::dht_bootstrap_nodes, "");
    s.set_bool(lt::settings_pack::enable_ip_notifier, false);
    s.set_bool(lt::settings_pack::allow_multiple_connections_per_ip, true);
    s.set_int(lt::settings_pack::upload_rate_limit, 0);
    s.set_int(lt::settings_pack::download_rate_limit, 0);
    s.set_int(lt::settings_pack::alert_mask,
              static_cast<int>(static_cast<std::uint32_t>(
                  lt::alert_category::error | lt::alert_category::status | lt::alert_category::storage |
                  lt::alert_category::tracker | lt::alert_category::file_progress)));
    return s;
}

std::uint16_t free_tcp_port()
{
    int const fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        throw std::system_error(errno, std::generic_category(), "socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    socklen_t len = sizeof addr;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
        int const saved = errno;
        ::close(fd);
        throw std::system_error(saved, std::generic_category(), "bind 127.0.0.1:0");
    }
    ::close(fd);
    return ntohs(addr.sin_port);
}

} // namespace pico::test_support
