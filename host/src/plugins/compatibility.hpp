// Whether a plugin library may be loaded into this host (docs/versioning.md).
#pragma once

#include "plugins/manifest.hpp"

#include <cstdint>
#include <picotorrent/sdk/plugin.hpp>
#include <string>

namespace pico::plugins {

/// The SDK version this host implements, "MAJOR.MINOR.PATCH".
std::string host_sdk_version();

/// The ABI fingerprint this host was built with.
std::string host_abi_fingerprint();

/// Size of the first descriptor layout (SDK 1.0): the least a same-major plugin may report.
inline constexpr std::uint32_t min_descriptor_size = sizeof(sdk::plugin_descriptor);

/// Empty when compatible, else the one-line reason naming what the plugin was built against and
/// what the host offers. Loads iff same major, plugin minor <= host minor, fingerprint equal, and
/// the manifest's sdk_version agrees with the descriptor. Reads the descriptor past its first two
/// fields only when its major matches (another major may lay it out differently).
std::string check_compatibility(sdk::plugin_descriptor const& d, manifest const& m);

} // namespace pico::plugins
