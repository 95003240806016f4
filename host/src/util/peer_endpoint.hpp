// The one reader of peer addresses (IP:PORT, [IPv6]:PORT or localhost:PORT), shared by the
// command line's --peer, the SDK's add_torrent peers and connect_peer, so all accept the same.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace pico::util {

/// The endpoint `text` names, or nullopt. "localhost" is the only name accepted: it needs no
/// resolver and cannot mean anything but this machine (127.0.0.1).
std::optional<boost::asio::ip::tcp::endpoint> parse_peer_endpoint(std::string_view text);

/// The one-line error for a value parse_peer_endpoint refused (the value is echoed, shortened).
std::string peer_endpoint_error(std::string_view text);

} // namespace pico::util
