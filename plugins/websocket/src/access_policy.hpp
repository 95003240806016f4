// Who may open a WebSocket: token, Origin and Host checks made at the handshake.
// Pure and immutable after construction, so the server thread can use it freely.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pico::websocket {

/// The subprotocol the server selects; clients offer it next to "token.<TOKEN>".
inline constexpr std::string_view subprotocol_name = "pico.v1";
/// Prefix of the subprotocol entry that carries the token.
inline constexpr std::string_view token_subprotocol_prefix = "token.";

/// The parts of an HTTP upgrade request the policy looks at.
struct handshake_request {
    /// Request target, e.g. "/?token=abc".
    std::string resource;
    /// Host header ("" when absent).
    std::string host;
    /// Origin header ("" when absent: a non-browser client).
    std::string origin;
    /// Sec-WebSocket-Protocol entries, in the client's order.
    std::vector<std::string> subprotocols;
};

/// What to answer.
struct handshake_decision {
    /// 0 to accept, else the HTTP status to refuse with (401 or 403).
    int refuse_status = 0;
    /// Why, for the log (never contains the token).
    std::string reason;
    /// True when the client offered pico.v1 and the server should select it.
    bool select_subprotocol = false;
};

/// Token, Origin allow-list and Host allow-list.
class access_policy {
  public:
    /// `allowed_hosts` are "name" (any port) or "name:port" entries, compared case-insensitively.
    /// `own_scheme` ("http" or "https") makes pages of our own origin (own_scheme://HOST, HOST
    /// an accepted Host header) allowed without listing them; "" turns that off.
    access_policy(std::string token, std::vector<std::string> allowed_origins,
                  std::vector<std::string> allowed_hosts, std::string own_scheme = {});

    /// Checks Host (403), then Origin (403), then the token (401).
    handshake_decision check(handshake_request const& request) const;

    /// True when `candidate` equals the token; takes the same time for every candidate of the same length.
    bool token_matches(std::string_view candidate) const;
    /// True when the Origin header is absent or listed.
    bool origin_allowed(std::string_view origin) const;
    /// True when the Host header is listed.
    bool host_allowed(std::string_view host) const;
    /// True when `origin` is own_scheme://`host`: a page this server served itself.
    bool same_origin(std::string_view origin, std::string_view host) const;

  private:
    std::string m_token;
    std::string m_own_scheme;
    std::vector<std::string> m_origins;
    std::vector<std::string> m_hosts;
};

/// The Host values a loopback server answers to: 127.0.0.1, localhost, [::1] and the
/// listen address, each with `port`.
std::vector<std::string> default_allowed_hosts(std::string const& listen_address, std::uint16_t port);

/// The value of `name` in the resource's query string, percent-decoded; "" when absent.
std::string query_parameter(std::string_view resource, std::string_view name);

} // namespace pico::websocket
