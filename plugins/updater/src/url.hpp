// The parts of an http(s) URL the updater needs to make a request, and redirect resolution.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pico::updater {

/// An absolute http or https URL, split for a request.
struct url {
    /// "http" or "https" (lowercase).
    std::string scheme;
    /// Host name or IP address; IPv6 without brackets.
    std::string host;
    /// Port, the scheme's default when the URL has none.
    std::uint16_t port = 0;
    /// Path and query ("/" when the URL has no path); the fragment is dropped.
    std::string target;

    /// True for https.
    bool secure() const { return scheme == "https"; }
    /// The Host header value: host, with the port when it is not the default.
    std::string host_header() const;
    /// The URL as text.
    std::string text() const;
};

/// Parses an absolute http(s) URL; on failure returns nullopt and sets `error` to one line.
std::optional<url> parse_url(std::string_view text, std::string& error);

/// Resolves a redirect's Location (absolute, scheme-relative, absolute-path or relative) against `base`.
std::optional<url> resolve_location(url const& base, std::string_view location, std::string& error);

} // namespace pico::updater
