// Keeping test traffic on 127.0.0.1.
#pragma once

#include <cstdint>
#include <libtorrent/settings_pack.hpp>

namespace pico::test_support {

/// Settings for any libtorrent session a test starts. The network rule for tests: traffic goes to
/// 127.0.0.1 only, so the session listens on 127.0.0.1 (port chosen by the OS) and DHT, LSD, UPnP
/// and NAT-PMP are off; peers are added explicitly. Several loopback peers share one IP, hence
/// allow_multiple_connections_per_ip. Rate limits are off. Alerts: errors, status, storage,
/// trackers and file progress (what tests wait for).
lt::settings_pack loopback_settings();

/// A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it; another process could
/// still take it before the caller binds). Throws std::system_error when no socket can be bound.
std::uint16_t free_tcp_port();

} // namespace pico::test_support
