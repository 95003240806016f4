#include "auth_failure.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace pico::proxy {

bool is_proxy_auth_failure(std::string_view message)
{
    std::string lower(message);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    // libtorrent's socks_category messages, and its http_category text for status 407 (only a
    // proxy sends 407).
    static constexpr std::array<std::string_view, 6> signs = {
        "socks authentication error",       "socks username required",
        "socks unsupported authentication", "socks no identd",
        "socks identd could not identify",  "proxy authentication required",
    };
    if (std::any_of(signs.begin(), signs.end(),
                    [&](std::string_view s) { return lower.find(s) != std::string::npos; }))
        return true;
    return lower.rfind("407 ", 0) == 0 || lower.find(" 407 ") != std::string::npos;
}

} // namespace pico::proxy
