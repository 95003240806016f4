#include "semver.hpp"

#include <algorithm>
#include <charconv>

namespace pico::updater {
namespace {

bool is_digits(std::string_view s)
{
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_identifier_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

// A numeric core part: digits, no leading zero (semver 2), fits 64 bits.
std::optional<std::uint64_t> parse_number(std::string_view s)
{
    if (!is_digits(s) || (s.size() > 1 && s[0] == '0'))
        return std::nullopt;
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc{} || end != s.data() + s.size())
        return std::nullopt;
    return value;
}

// Splits on '.', requiring every identifier to be non-empty and made of [0-9A-Za-z-].
std::optional<std::vector<std::string>> split_identifiers(std::string_view s)
{
    std::vector<std::string> out;
    while (true) {
        auto const dot = s.find('.');
        auto const part = s.substr(0, dot);
        if (part.empty() || !std::all_of(part.begin(), part.end(), is_identifier_char))
            return std::nullopt;
        out.emplace_back(part);
        if (dot == std::string_view::npos)
            return out;
        s.remove_prefix(dot + 1);
    }
}

// Numeric identifiers have no leading zeros, so a longer one is larger; equal lengths compare
// as text. This avoids overflow on identifiers longer than 64 bits.
std::strong_ordering compare_numeric(std::string const& a, std::string const& b)
{
    if (a.size() != b.size())
        return a.size() <=> b.size();
    return a.compare(b) <=> 0;
}

std::strong_ordering compare_identifier(std::string const& a, std::string const& b)
{
    bool const a_num = is_digits(a);
    bool const b_num = is_digits(b);
    if (a_num && b_num)
        return compare_numeric(a, b);
    // Numeric identifiers always have lower precedence than alphanumeric ones.
    if (a_num != b_num)
        return a_num ? std::strong_ordering::less : std::strong_ordering::greater;
    return a.compare(b) <=> 0; // ASCII order
}

} // namespace

std::strong_ordering operator<=>(semver const& a, semver const& b)
{
    if (auto c = a.major <=> b.major; c != 0)
        return c;
    if (auto c = a.minor <=> b.minor; c != 0)
        return c;
    if (auto c = a.patch <=> b.patch; c != 0)
        return c;
    // A pre-release has lower precedence than the release itself.
    if (a.pre_release.empty() != b.pre_release.empty())
        return a.pre_release.empty() ? std::strong_ordering::greater : std::strong_ordering::less;
    auto const n = std::min(a.pre_release.size(), b.pre_release.size());
    for (std::size_t i = 0; i < n; ++i) {
        if (auto c = compare_identifier(a.pre_release[i], b.pre_release[i]); c != 0)
            return c;
    }
    // All shared identifiers equal: the longer list is larger.
    return a.pre_release.size() <=> b.pre_release.size();
}

std::optional<semver> parse_semver(std::string_view text)
{
    if (!text.empty() && (text[0] == 'v' || text[0] == 'V'))
        text.remove_prefix(1);

    if (auto const plus = text.find('+'); plus != std::string_view::npos) {
        // Build metadata must still be well-formed, even though it is ignored.
        if (!split_identifiers(text.substr(plus + 1)))
            return std::nullopt;
        text = text.substr(0, plus);
    }

    semver v;
    if (auto const dash = text.find('-'); dash != std::string_view::npos) {
        auto ids = split_identifiers(text.substr(dash + 1));
        if (!ids)
            return std::nullopt;
        for (auto const& id : *ids) {
            if (is_digits(id) && id.size() > 1 && id[0] == '0')
                return std::nullopt; // numeric identifiers must not have leading zeros
        }
        v.pre_release = std::move(*ids);
        text = text.substr(0, dash);
    }

    std::uint64_t* parts[] = {&v.major, &v.minor, &v.patch};
    for (std::size_t i = 0; i < 3; ++i) {
        auto const dot = text.find('.');
        if ((i < 2) == (dot == std::string_view::npos))
            return std::nullopt; // exactly three parts
        auto number = parse_number(text.substr(0, dot));
        if (!number)
            return std::nullopt;
        *parts[i] = *number;
        text = i < 2 ? text.substr(dot + 1) : std::string_view{};
    }
    return v;
}

std::string to_string(semver const& v)
{
    std::string out = std::to_string(v.major) + '.' + std::to_string(v.minor) + '.' + std::to_string(v.patch);
    for (std::size_t i = 0; i < v.pre_release.size(); ++i) {
        out += i == 0 ? '-' : '.';
        out += v.pre_release[i];
    }
    return out;
}

} // namespace pico::updater
