// Semantic versions (semver.org 2.0.0) and their precedence, for comparing release tags
// with the host's version.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pico::updater {

/// A parsed semantic version. Build metadata is dropped: it never affects precedence.
struct semver {
    /// Incompatible changes.
    std::uint64_t major = 0;
    /// Compatible additions.
    std::uint64_t minor = 0;
    /// Fixes.
    std::uint64_t patch = 0;
    /// Dot-separated pre-release identifiers ("rc", "1" for "-rc.1"); empty for a release.
    std::vector<std::string> pre_release;

    /// Same precedence (build metadata is not stored, so member-wise equality is semver equality).
    friend bool operator==(semver const&, semver const&) = default;
    /// Precedence per semver.org section 11.
    friend std::strong_ordering operator<=>(semver const& a, semver const& b);
};

/// Parses "1.2.3", "v1.2.3", "1.2.0-rc.1+build.5"; nullopt when the text is not a semantic version.
std::optional<semver> parse_semver(std::string_view text);

/// The canonical text: "1.2.3" or "1.2.3-rc.1" (no "v", no build metadata).
std::string to_string(semver const& v);

} // namespace pico::updater
