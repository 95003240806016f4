// Semantic version strings as manifests spell them ("1.2.3", "1.2.3-beta.1+build.5").
#pragma once

#include <picotorrent/sdk/version.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace pico::plugins {

/// Parses a semver 2.0.0 string; pre-release and build suffixes are accepted and ignored.
std::optional<sdk::semantic_version> parse_semver(std::string_view text);

/// Parses a plain "MAJOR.MINOR.PATCH" that fits PICO_MAKE_SEMANTIC_VERSION (major < 256, minor and patch < 4096).
std::optional<sdk::semantic_version> parse_sdk_version(std::string_view text);

/// "MAJOR.MINOR.PATCH".
std::string to_string(sdk::semantic_version const& v);

/// Packs a version the way PICO_MAKE_SEMANTIC_VERSION does.
std::uint32_t pack(sdk::semantic_version const& v);

} // namespace pico::plugins
