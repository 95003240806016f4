// The release document behind `update_url`: GitHub's "latest release" JSON
// (tag_name, html_url, name, body; other fields are ignored).
#pragma once

#include <optional>
#include <picotorrent/sdk/semver.hpp>
#include <string>
#include <string_view>

namespace pico::updater {

/// One published release.
struct release {
    /// Parsed from tag_name.
    sdk::semver version;
    /// tag_name as published, e.g. "v1.2.0".
    std::string tag;
    /// html_url: the release's web page (http or https).
    std::string url;
    /// name, or the tag when the release has no name.
    std::string name;
    /// body: the release notes; empty when absent.
    std::string notes;
};

/// Parses a release document. On failure returns nullopt and sets `error` to one line.
std::optional<release> parse_release(std::string_view json, std::string& error);

} // namespace pico::updater
