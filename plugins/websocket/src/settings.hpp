// The plugin's configuration section (`websocket` in PicoTorrent.json), checked.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

namespace pico::websocket {

/// Largest inbound message a client may send; bigger frames close the connection (1009).
inline constexpr std::size_t max_inbound_message_size = 1024 * 1024;
/// Bytes a client may have waiting to be sent before it is dropped as too slow.
inline constexpr std::size_t max_outgoing_queue = 4 * 1024 * 1024;
/// Commands that may be waiting for the host thread at once, over all clients.
inline constexpr std::size_t max_pending_commands = 256;

/// Certificate and key for wss://; both empty means plain ws://.
struct tls_settings {
    /// PEM certificate chain file.
    std::string certificate;
    /// PEM private key file.
    std::string private_key;
};

/// What `websocket.*` configures.
struct settings {
    /// `websocket.enabled`: start the server at all.
    bool enabled = false;
    /// `websocket.listen_port`; 0 picks a free port (the log line names it).
    std::uint16_t listen_port = 7676;
    /// `websocket.listen_address`: an IP address or host name to bind.
    std::string listen_address = "127.0.0.1";
    /// `websocket.token`; empty means "generate one and store it".
    std::string token;
    /// `websocket.allowed_origins`: browser origins that may connect, e.g. "http://localhost:8080".
    std::vector<std::string> allowed_origins;
    /// `websocket.allowed_hosts`: extra Host header values ("name" or "name:port") accepted.
    std::vector<std::string> allowed_hosts;
    /// `websocket.allowed_save_roots`: directories remote clients may save into; empty means the
    /// host's configured save path.
    std::vector<std::string> allowed_save_roots;
    /// `websocket.tls.*`.
    tls_settings tls;
    /// `websocket.serve_dashboard`: answer plain HTTP GETs of `/` with the web dashboard.
    bool serve_dashboard = true;
    /// `websocket.web_root`: the dashboard's directory; empty means the one installed beside the host.
    std::string web_root;
};

/// Reads the section (null means all defaults). Throws std::invalid_argument naming the key.
settings parse_settings(nlohmann::json const& section);

/// Shortest token accepted: shorter ones are guessable over the network.
inline constexpr std::size_t min_token_length = 16;

/// 32 random bytes from OpenSSL as 64 lowercase hex characters. Throws if the RNG fails.
std::string generate_token();

} // namespace pico::websocket
