// The WebSocket server: owns its own thread and io_service; knows nothing of the host.
// Everything it is told (broadcast, send) is posted onto its thread; everything it
// reports (server_listener) happens on its thread.
#pragma once

#include "access_policy.hpp"
#include "settings.hpp"
#include "web_files.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <picotorrent/sdk/host.hpp>
#include <string>
#include <vector>

namespace pico::websocket {

/// Identifies one open connection for the life of the server.
using client_id = std::uint64_t;

/// Receives what clients do. Called on the server thread; must not block.
class server_listener {
  public:
    /// Listeners are not owned by the server.
    virtual ~server_listener() = default;
    /// A client passed the handshake. It gets no broadcast until send(..., make_live=true).
    virtual void on_open(client_id id) = 0;
    /// A client sent a text or binary message.
    virtual void on_message(client_id id, std::string payload) = 0;
};

/// Writes one log line; any thread.
using log_function = std::function<void(sdk::log_level, std::string const&)>;

/// How to run the server.
struct server_options {
    /// Address or host name to bind.
    std::string listen_address = "127.0.0.1";
    /// Port to bind; 0 picks one.
    std::uint16_t listen_port = 0;
    /// TLS certificate and key; empty for plain ws://.
    tls_settings tls;
    /// Bigger inbound messages close the connection with 1009.
    std::size_t max_message_size = max_inbound_message_size;
    /// A client with more bytes than this waiting to be sent is dropped.
    std::size_t max_queue = max_outgoing_queue;
    /// The token clients must present.
    std::string token;
    /// Browser origins that may connect.
    std::vector<std::string> allowed_origins;
    /// Host header values accepted besides default_allowed_hosts() for the bound port.
    std::vector<std::string> allowed_hosts;
    /// The dashboard's files, answered to plain HTTP GETs; null: plain HTTP gets 426.
    std::shared_ptr<web_files const> dashboard;
};

/// Counters for logs, tests and benchmarks.
struct server_stats {
    /// Connections that passed the handshake.
    std::uint64_t accepted = 0;
    /// Handshakes (and plain HTTP requests) refused with 401 or 403.
    std::uint64_t refused = 0;
    /// Clients dropped because their queue passed the bound.
    std::uint64_t dropped = 0;
    /// Connections open right now.
    std::uint64_t open = 0;
};

/// A running WebSocket server.
class server {
  public:
    /// Stops if still running.
    virtual ~server() = default;
    /// Binds and starts the thread. Throws std::runtime_error (one line) if it cannot listen.
    virtual void start() = 0;
    /// Port actually bound (after start).
    virtual std::uint16_t port() const = 0;
    /// Stops listening, closes every connection and joins the thread. Idempotent.
    virtual void stop() = 0;
    /// Sends to every live client. Any thread.
    virtual void broadcast(std::shared_ptr<std::string const> message) = 0;
    /// Sends to one client, making it live first when asked. Any thread.
    virtual void send(client_id id, std::shared_ptr<std::string const> message, bool make_live) = 0;
    /// Live clients right now (approximate when read off the server thread).
    virtual std::size_t live_clients() const = 0;
    /// A copy of the counters. Any thread.
    virtual server_stats stats() const = 0;
};

/// A ws:// server (options.tls ignored).
std::unique_ptr<server> make_plain_server(server_options options, server_listener& listener,
                                          log_function log);
/// A wss:// server. Throws std::runtime_error if the certificate or key cannot be loaded.
std::unique_ptr<server> make_tls_server(server_options options, server_listener& listener, log_function log);

} // namespace pico::websocket
