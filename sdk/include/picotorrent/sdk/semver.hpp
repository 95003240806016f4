// Semantic versions (semver.org 2.0.0): parsing and precedence. Header-only and C++17, so the
// host (manifests, SDK versions) and plugins (release tags, host_version()) share one rule.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pico::sdk {

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
};

namespace detail {

inline bool semver_is_digits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

inline bool semver_is_identifier_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

// A numeric part: digits, no leading zero (semver §2), fits 64 bits.
inline std::optional<std::uint64_t> semver_number(std::string_view s)
{
    if (!semver_is_digits(s) || (s.size() > 1 && s[0] == '0'))
        return std::nullopt;
    std::uint64_t value = 0;
    for (char c : s) {
        auto const digit = static_cast<std::uint64_t>(c - '0');
        if (value > (UINT64_MAX - digit) / 10)
            return std::nullopt;
        value = value * 10 + digit;
    }
    return value;
}

// Splits on '.'; every identifier is non-empty and made of [0-9A-Za-z-].
inline std::optional<std::vector<std::string>> semver_identifiers(std::string_view s)
{
    std::vector<std::string> out;
    while (true) {
        auto const dot = s.find('.');
        auto const part = s.substr(0, dot);
        if (part.empty() || !std::all_of(part.begin(), part.end(), semver_is_identifier_char))
            return std::nullopt;
        out.emplace_back(part);
        if (dot == std::string_view::npos)
            return out;
        s.remove_prefix(dot + 1);
    }
}

template <class T> int semver_three_way(T const& a, T const& b)
{
    return a < b ? -1 : (b < a ? 1 : 0);
}

// Numeric identifiers have no leading zeros, so the longer one is larger; equal lengths compare
// as text. That way identifiers longer than 64 bits still compare correctly.
inline int semver_compare_identifier(std::string const& a, std::string const& b)
{
    bool const a_num = semver_is_digits(a);
    bool const b_num = semver_is_digits(b);
    if (a_num && b_num && a.size() != b.size())
        return semver_three_way(a.size(), b.size());
    if (a_num != b_num) // numeric identifiers have lower precedence than alphanumeric ones
        return a_num ? -1 : 1;
    return semver_three_way(a, b);
}

} // namespace detail

/// Parses "1.2.3", "1.2.0-rc.1+build.5" (and "v1.2.3" when `allow_v_prefix`); nullopt otherwise.
inline std::optional<semver> parse_semver(std::string_view text, bool allow_v_prefix = false)
{
    if (allow_v_prefix && !text.empty() && (text[0] == 'v' || text[0] == 'V'))
        text.remove_prefix(1);
    if (auto const plus = text.find('+'); plus != std::string_view::npos) {
        // Build metadata must still be well-formed, even though it is dropped.
        if (!detail::semver_identifiers(text.substr(plus + 1)))
            return std::nullopt;
        text = text.substr(0, plus);
    }
    semver v;
    if (auto const dash = text.find('-'); dash != std::string_view::npos) {
        auto ids = detail::semver_identifiers(text.substr(dash + 1));
        if (!ids)
            return std::nullopt;
        for (auto const& id : *ids) {
            if (detail::semver_is_digits(id) && id.size() > 1 && id[0] == '0')
                return std::nullopt; // numeric pre-release identifiers have no leading zeros
        }
        v.pre_release = std::move(*ids);
        text = text.substr(0, dash);
    }
    std::uint64_t* parts[] = {&v.major, &v.minor, &v.patch};
    for (std::size_t i = 0; i < 3; ++i) {
        auto const dot = text.find('.');
        if ((i < 2) == (dot == std::string_view::npos))
            return std::nullopt; // exactly three parts
        auto const number = detail::semver_number(text.substr(0, dot));
        if (!number)
            return std::nullopt;
        *parts[i] = *number;
        text = i < 2 ? text.substr(dot + 1) : std::string_view{};
    }
    return v;
}

/// Precedence per semver.org §11: negative if a < b, zero if equal, positive if a > b.
inline int compare(semver const& a, semver const& b)
{
    if (int c = detail::semver_three_way(a.major, b.major))
        return c;
    if (int c = detail::semver_three_way(a.minor, b.minor))
        return c;
    if (int c = detail::semver_three_way(a.patch, b.patch))
        return c;
    // A pre-release has lower precedence than the release itself.
    if (a.pre_release.empty() != b.pre_release.empty())
        return a.pre_release.empty() ? 1 : -1;
    auto const n = std::min(a.pre_release.size(), b.pre_release.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (int c = detail::semver_compare_identifier(a.pre_release[i], b.pre_release[i]))
            return c;
    }
    return detail::semver_three_way(a.pre_release.size(), b.pre_release.size());
}

/// Same precedence (build metadata is not stored, so this is semver equality).
inline bool operator==(semver const& a, semver const& b)
{
    return compare(a, b) == 0;
}
/// Different precedence.
inline bool operator!=(semver const& a, semver const& b)
{
    return compare(a, b) != 0;
}
/// Lower precedence.
inline bool operator<(semver const& a, semver const& b)
{
    return compare(a, b) < 0;
}
/// Higher precedence.
inline bool operator>(semver const& a, semver const& b)
{
    return compare(a, b) > 0;
}
/// Lower or equal precedence.
inline bool operator<=(semver const& a, semver const& b)
{
    return compare(a, b) <= 0;
}
/// Higher or equal precedence.
inline bool operator>=(semver const& a, semver const& b)
{
    return compare(a, b) >= 0;
}

/// The canonical text: "1.2.3" or "1.2.3-rc.1" (no "v", no build metadata).
inline std::string to_string(semver const& v)
{
    std::string out = std::to_string(v.major) + '.' + std::to_string(v.minor) + '.' + std::to_string(v.patch);
    for (std::size_t i = 0; i < v.pre_release.size(); ++i) {
        out += i == 0 ? '-' : '.';
        out += v.pre_release[i];
    }
    return out;
}

} // namespace pico::sdk
