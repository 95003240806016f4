#include "url.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace pico::updater {
namespace {

bool has_bad_chars(std::string_view s)
{
    return std::any_of(s.begin(), s.end(),
                       [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == '\x7f'; });
}

std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

} // namespace

std::string url::host_header() const
{
    std::string h = host.find(':') != std::string::npos ? "[" + host + "]" : host;
    bool const default_port = (secure() && port == 443) || (!secure() && port == 80);
    if (!default_port)
        h += ":" + std::to_string(port);
    return h;
}

std::string url::text() const
{
    return scheme + "://" + host_header() + target;
}

std::optional<url> parse_url(std::string_view text, std::string& error)
{
    if (has_bad_chars(text)) {
        error = "URL contains spaces or control characters";
        return std::nullopt;
    }
    auto const colon = text.find("://");
    if (colon == std::string_view::npos) {
        error = "not an absolute URL: " + std::string(text);
        return std::nullopt;
    }
    url u;
    u.scheme = lower(text.substr(0, colon));
    if (u.scheme != "http" && u.scheme != "https") {
        error = "unsupported URL scheme '" + u.scheme + "' (only http and https)";
        return std::nullopt;
    }
    text.remove_prefix(colon + 3);

    auto const authority_end = text.find_first_of("/?#");
    auto authority = text.substr(0, authority_end);
    auto rest = authority_end == std::string_view::npos ? std::string_view{} : text.substr(authority_end);
    if (authority.find('@') != std::string_view::npos) {
        error = "URLs with credentials are not supported";
        return std::nullopt;
    }

    std::string_view port_text;
    if (!authority.empty() && authority[0] == '[') {
        auto const close = authority.find(']');
        if (close == std::string_view::npos) {
            error = "unterminated IPv6 address in URL";
            return std::nullopt;
        }
        u.host = std::string(authority.substr(1, close - 1));
        auto after = authority.substr(close + 1);
        if (!after.empty()) {
            if (after[0] != ':') {
                error = "unexpected text after the IPv6 address in URL";
                return std::nullopt;
            }
            port_text = after.substr(1);
        }
    } else {
        auto const pc = authority.rfind(':');
        u.host = lower(authority.substr(0, pc));
        if (pc != std::string_view::npos)
            port_text = authority.substr(pc + 1);
    }
    if (u.host.empty()) {
        error = "URL has no host";
        return std::nullopt;
    }

    u.port = u.secure() ? 443 : 80;
    if (!port_text.empty()) {
        unsigned value = 0;
        auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), value);
        if (ec != std::errc{} || end != port_text.data() + port_text.size() || value == 0 || value > 65535) {
            error = "bad port in URL: '" + std::string(port_text) + "'";
            return std::nullopt;
        }
        u.port = static_cast<std::uint16_t>(value);
    }

    rest = rest.substr(0, rest.find('#'));
    u.target = std::string(rest);
    if (u.target.empty() || u.target[0] == '?')
        u.target.insert(0, "/");
    return u;
}

std::optional<url> resolve_location(url const& base, std::string_view location, std::string& error)
{
    if (location.empty()) {
        error = "redirect without a Location";
        return std::nullopt;
    }
    if (location.find("://") != std::string_view::npos)
        return parse_url(location, error);
    if (location.rfind("//", 0) == 0)
        return parse_url(base.scheme + ":" + std::string(location), error);

    std::string target;
    auto const path = base.target.substr(0, base.target.find('?'));
    if (location[0] == '/') {
        target = std::string(location);
    } else if (location[0] == '?') {
        target = path + std::string(location);
    } else {
        // Relative to the base path's directory; the query of the base does not carry over.
        target = path.substr(0, path.rfind('/') + 1) + std::string(location);
    }
    return parse_url(base.scheme + "://" + base.host_header() + target, error);
}

} // namespace pico::updater
