// A small blocking WebSocket client (Boost.Beast) for `picotorrent remote`: ws:// or wss://,
// the token as a query parameter, every wait bounded.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

namespace pico::app::remote {

/// A failure to report as one line (connect, handshake, refusal, timeout, closed connection).
class remote_error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Where to connect.
struct ws_target {
    /// ws or wss.
    bool tls = false;
    /// Host name or address as written in the URL (IPv6 without brackets).
    std::string host;
    /// Port number.
    std::string port;
    /// Path and query from the URL ("/" when none).
    std::string path = "/";
    /// A PEM file to trust for wss:// besides the system's CAs (the server's own certificate works).
    std::string ca_file;
};

/// ws://HOST:PORT[/PATH] or wss://...; throws remote_error naming what is wrong.
ws_target parse_ws_url(std::string const& url);

/// One connection. Not thread-safe; one reader.
class ws_client {
  public:
    virtual ~ws_client() = default;
    /// Sends one text message.
    virtual void send(std::string const& text) = 0;
    /// The next text message. Throws remote_error when `timeout` passes first, or the connection
    /// fails or closes; returns nullopt only when SIGINT or SIGTERM arrived after
    /// stop_on_signals() (the connection is then unusable).
    virtual std::optional<std::string> receive(std::chrono::milliseconds timeout) = 0;
    /// From now on SIGINT and SIGTERM end a waiting receive() instead of the process.
    virtual void stop_on_signals() = 0;
    /// Closes politely (best effort, bounded).
    virtual void close() = 0;
};

/// Connects and completes the WebSocket handshake with `token`, within `timeout`. A refusal
/// names the HTTP status (401: wrong token; 403: Host or Origin refused).
std::unique_ptr<ws_client> connect(ws_target const& target, std::string const& token,
                                   std::chrono::milliseconds timeout);

} // namespace pico::app::remote
