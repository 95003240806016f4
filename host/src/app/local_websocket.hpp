// Where this machine's own WebSocket server is, read from an effective configuration: for the
// dashboard URL `config show` prints and for `picotorrent remote`'s defaults.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

namespace pico::app {

/// The local server as a client reaches it.
struct local_websocket {
    /// Host for a URL: the listen address, loopback for a wildcard bind, IPv6 in brackets.
    std::string host;
    /// The configured port (0 when the server picks one at start).
    std::uint16_t port = 0;
    /// True when websocket.tls.certificate is set (wss:// and https://).
    bool tls = false;
    /// websocket.token; empty until the plugin's first start generates one.
    std::string token;
    /// websocket.tls.certificate, the file a local client can trust the server by.
    std::string certificate;
    /// websocket.serve_dashboard (default true).
    bool serves_dashboard = true;
};

/// The websocket section of `effective_config`, or nullopt when the plugin is not among
/// `plugins` or not enabled.
std::optional<local_websocket> local_websocket_of(nlohmann::json const& effective_config);

} // namespace pico::app
