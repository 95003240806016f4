// PicoTorrent.json files for tests that run a host: the network rule, written once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>

namespace pico::test_support {

/// A host config that keeps everything on 127.0.0.1: the session listens on 127.0.0.1:`port`
/// (0 = the OS picks), DHT, LSD, UPnP and NAT-PMP are off, and the updater points at a closed
/// loopback port. `extra` is merged in at the top level, except "session", which is merged into
/// the session section (anything but an object there adds nothing).
nlohmann::json loopback_host_config(nlohmann::json const& extra = {}, std::uint16_t port = 0);

/// Writes loopback_host_config(extra, port) to `file` (creating its folder) and returns `file`.
std::filesystem::path write_loopback_host_config(std::filesystem::path const& file,
                                                 nlohmann::json const& extra = {}, std::uint16_t port = 0);

} // namespace pico::test_support
