// Turns a proxy configuration into libtorrent settings, by libtorrent's setting names.
#pragma once

#include "proxy_config.hpp"

#include <cstdint>
#include <map>
#include <picotorrent/sdk/host.hpp>
#include <string>

namespace pico::proxy {

/// libtorrent's settings_pack::proxy_type_t values (the SDK does not expose libtorrent types).
enum class lt_proxy_type : std::int64_t {
    none = 0,
    socks4 = 1,
    socks5 = 2,
    socks5_pw = 3,
    http = 4,
    http_pw = 5
};

/// The proxy_type value for a configuration: a username selects socks5_pw / http_pw.
lt_proxy_type proxy_type_for(proxy_config const& config);

/// Settings for the configuration. With `force`, also the settings that close every path
/// around the proxy (see forced_settings).
std::map<std::string, sdk::setting_value> make_settings(proxy_config const& config);

/// What force mode pins, and to which value: no listen interface, no DHT/LSD/UPnP/NAT-PMP,
/// no uTP, and every connection kind through the proxy.
std::map<std::string, sdk::setting_value> const& forced_settings();

} // namespace pico::proxy
