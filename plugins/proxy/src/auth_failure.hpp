// Recognises a proxy refusing our credentials in libtorrent's error messages.
#pragma once

#include <string_view>

namespace pico::proxy {

/// True when `message` (a tracker or torrent error) says the proxy rejected, or required,
/// credentials: SOCKS5 authentication errors, SOCKS4 identd errors, HTTP 407.
bool is_proxy_auth_failure(std::string_view message);

} // namespace pico::proxy
