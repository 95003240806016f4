#include "access_policy.hpp"

#include <algorithm>
#include <cctype>
#include <openssl/crypto.h>

namespace pico::websocket {

namespace {

std::string lowercase(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Origins are compared as scheme://host[:port]; a trailing slash is not significant.
std::string normalize_origin(std::string_view origin)
{
    std::string out = lowercase(origin);
    while (!out.empty() && out.back() == '/')
        out.pop_back();
    return out;
}

// "name:port" -> "name", "[::1]:port" -> "[::1]", "name" -> "name".
std::string host_name_part(std::string const& host)
{
    if (!host.empty() && host.front() == '[') {
        auto close = host.find(']');
        return close == std::string::npos ? host : host.substr(0, close + 1);
    }
    auto colon = host.rfind(':');
    return colon == std::string::npos ? host : host.substr(0, colon);
}

bool has_port(std::string const& entry)
{
    return host_name_part(entry) != entry;
}

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

std::string percent_decode(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size()) {
            int const hi = hex_value(s[i + 1]);
            int const lo = hex_value(s[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.push_back(s[i] == '+' ? ' ' : s[i]);
    }
    return out;
}

} // namespace

access_policy::access_policy(std::string token, std::vector<std::string> allowed_origins,
                             std::vector<std::string> allowed_hosts, std::string own_scheme)
    : m_token(std::move(token)), m_own_scheme(lowercase(own_scheme))
{
    for (auto const& o : allowed_origins)
        m_origins.push_back(normalize_origin(o));
    for (auto const& h : allowed_hosts)
        m_hosts.push_back(lowercase(h));
}

handshake_decision access_policy::check(handshake_request const& request) const
{
    handshake_decision d;
    for (auto const& p : request.subprotocols) {
        if (p == subprotocol_name)
            d.select_subprotocol = true;
    }
    if (!host_allowed(request.host)) {
        d.refuse_status = 403;
        d.reason = "Host '" + request.host + "' is not allowed";
        return d;
    }
    if (!origin_allowed(request.origin) && !same_origin(request.origin, request.host)) {
        d.refuse_status = 403;
        d.reason = "Origin '" + request.origin + "' is not allowed";
        return d;
    }
    bool authenticated = false;
    std::string const query_token = query_parameter(request.resource, "token");
    if (!query_token.empty() && token_matches(query_token))
        authenticated = true;
    for (auto const& p : request.subprotocols) {
        if (p.compare(0, token_subprotocol_prefix.size(), token_subprotocol_prefix) == 0 &&
            token_matches(std::string_view(p).substr(token_subprotocol_prefix.size())))
            authenticated = true;
    }
    if (!authenticated) {
        d.refuse_status = 401;
        d.reason = "missing or wrong token";
    }
    return d;
}

bool access_policy::token_matches(std::string_view candidate) const
{
    if (m_token.empty() || candidate.size() != m_token.size())
        return false;
    return CRYPTO_memcmp(candidate.data(), m_token.data(), m_token.size()) == 0;
}

bool access_policy::origin_allowed(std::string_view origin) const
{
    if (origin.empty())
        return true;
    auto const o = normalize_origin(origin);
    return std::find(m_origins.begin(), m_origins.end(), o) != m_origins.end();
}

bool access_policy::same_origin(std::string_view origin, std::string_view host) const
{
    if (m_own_scheme.empty() || origin.empty() || host.empty())
        return false;
    return normalize_origin(origin) == m_own_scheme + "://" + lowercase(host);
}

bool access_policy::host_allowed(std::string_view host) const
{
    if (host.empty())
        return false;
    auto const h = lowercase(host);
    auto const name = host_name_part(h);
    for (auto const& entry : m_hosts) {
        if (entry == h)
            return true;
        if (!has_port(entry) && entry == name)
            return true;
    }
    return false;
}

std::vector<std::string> default_allowed_hosts(std::string const& listen_address, std::uint16_t port)
{
    auto const p = ":" + std::to_string(port);
    std::vector<std::string> hosts{"127.0.0.1" + p, "localhost" + p, "[::1]" + p};
    bool const ipv6 = listen_address.find(':') != std::string::npos;
    hosts.push_back((ipv6 ? "[" + listen_address + "]" : listen_address) + p);
    return hosts;
}

std::string query_parameter(std::string_view resource, std::string_view name)
{
    auto const q = resource.find('?');
    if (q == std::string_view::npos)
        return {};
    std::string_view rest = resource.substr(q + 1);
    if (auto hash = rest.find('#'); hash != std::string_view::npos)
        rest = rest.substr(0, hash);
    while (!rest.empty()) {
        auto const amp = rest.find('&');
        std::string_view const pair = rest.substr(0, amp);
        auto const eq = pair.find('=');
        if (percent_decode(pair.substr(0, eq)) == name)
            return eq == std::string_view::npos ? std::string() : percent_decode(pair.substr(eq + 1));
        if (amp == std::string_view::npos)
            break;
        rest = rest.substr(amp + 1);
    }
    return {};
}

} // namespace pico::websocket
