// SDK versions as manifests spell them ("1.2.3"); general semver parsing is the SDK's
// (picotorrent/sdk/semver.hpp), shared with plugins.
#pragma once

#include <cstdint>
#include <optional>
#include <picotorrent/sdk/version.hpp>
#include <string>
#include <string_view>

namespace pico::plugins {

/// Parses a plain "MAJOR.MINOR.PATCH" that fits PICO_MAKE_SEMANTIC_VERSION (major < 256, minor and patch <
/// 4096).
std::optional<sdk::semantic_version> parse_sdk_version(std::string_view text);

/// "MAJOR.MINOR.PATCH".
std::string to_string(sdk::semantic_version const& v);

/// Packs a version the way PICO_MAKE_SEMANTIC_VERSION does.
std::uint32_t pack(sdk::semantic_version const& v);

} // namespace pico::plugins
