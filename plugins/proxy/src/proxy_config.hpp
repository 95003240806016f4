// Reads and checks the "proxy" configuration section.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace pico::proxy {

/// A section that cannot be used; the message starts with the offending key ("proxy.port: ...").
class config_error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// The proxy protocols a user can choose (the "type" key).
enum class proxy_kind { none, socks4, socks5, http };

/// The checked contents of the section.
struct proxy_config {
    /// "type"; none means direct connections.
    proxy_kind type = proxy_kind::none;
    /// "hostname": name or address of the proxy; required unless type is none.
    std::string hostname;
    /// "port": 1..65535; required unless type is none.
    int port = 0;
    /// "username": SOCKS5 / HTTP user (selects socks5_pw / http_pw), or the SOCKS4 user id.
    std::string username;
    /// "password": for SOCKS5 and HTTP only.
    std::string password;
    /// "force": allow no connection that does not go through the proxy.
    bool force = false;
    /// "proxy_hostnames": resolve tracker and peer names through the proxy (default true).
    bool proxy_hostnames = true;
    /// "proxy_peer_connections": peer and web seed connections through the proxy (default true).
    bool proxy_peer_connections = true;
    /// "proxy_tracker_connections": tracker connections through the proxy (default true).
    bool proxy_tracker_connections = true;
    /// "anonymous_mode": when present, sets libtorrent's anonymous_mode.
    std::optional<bool> anonymous_mode;
};

/// Parses the section's JSON text; "null" (no section) gives type none. Throws config_error
/// naming the key for unknown keys, wrong JSON types, an unknown type, a port out of range,
/// a missing hostname or port, and contradictions (force with type none or with a toggle off).
proxy_config parse_proxy_config(std::string const& section_json);

/// The type's name as written in the configuration ("socks5").
char const* kind_name(proxy_kind kind);

/// Names the proxy for log lines: "socks5 proxy 127.0.0.1:1080 (user 'alice')".
std::string describe(proxy_config const& config);

} // namespace pico::proxy
