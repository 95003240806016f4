#include "plugins/semver.hpp"

#include <charconv>

namespace pico::plugins {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_identifier_char(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

// One numeric part: digits, no leading zero (semver 2.0.0 §2), fits 32 bits.
std::optional<std::uint32_t> parse_number(std::string_view part)
{
    if (part.empty() || (part.size() > 1 && part[0] == '0'))
        return std::nullopt;
    std::uint32_t value = 0;
    auto const [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (ec != std::errc() || end != part.data() + part.size())
        return std::nullopt;
    return value;
}

// Dot-separated non-empty identifiers of [0-9A-Za-z-] (pre-release and build metadata).
bool valid_identifiers(std::string_view text)
{
    if (text.empty())
        return false;
    std::size_t start = 0;
    while (true) {
        auto const dot = text.find('.', start);
        auto const part = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (part.empty())
            return false;
        for (char c : part) {
            if (!is_identifier_char(c))
                return false;
        }
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

std::optional<sdk::semantic_version> parse_core(std::string_view core)
{
    auto const first = core.find('.');
    if (first == std::string_view::npos)
        return std::nullopt;
    auto const second = core.find('.', first + 1);
    if (second == std::string_view::npos)
        return std::nullopt;
    auto const major = parse_number(core.substr(0, first));
    auto const minor = parse_number(core.substr(first + 1, second - first - 1));
    auto const patch = parse_number(core.substr(second + 1));
    if (!major || !minor || !patch)
        return std::nullopt;
    return sdk::semantic_version{*major, *minor, *patch};
}

} // namespace

std::optional<sdk::semantic_version> parse_semver(std::string_view text)
{
    auto const plus = text.find('+');
    if (plus != std::string_view::npos) {
        if (!valid_identifiers(text.substr(plus + 1)))
            return std::nullopt;
        text = text.substr(0, plus);
    }
    auto const dash = text.find('-');
    if (dash != std::string_view::npos) {
        if (!valid_identifiers(text.substr(dash + 1)))
            return std::nullopt;
        text = text.substr(0, dash);
    }
    return parse_core(text);
}

std::optional<sdk::semantic_version> parse_sdk_version(std::string_view text)
{
    auto v = parse_core(text);
    if (!v || v->major > 0xffu || v->minor > 0xfffu || v->patch > 0xfffu)
        return std::nullopt;
    return v;
}

std::string to_string(sdk::semantic_version const& v)
{
    return std::to_string(v.major) + "." + std::to_string(v.minor) + "." + std::to_string(v.patch);
}

std::uint32_t pack(sdk::semantic_version const& v) { return PICO_MAKE_SEMANTIC_VERSION(v.major, v.minor, v.patch); }

} // namespace pico::plugins
