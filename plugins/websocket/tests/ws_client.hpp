// Test clients: a websocketpp client (ws:// and wss://) and a raw TCP client that speaks
// just enough HTTP to send any handshake and then read, or not read, what comes back.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace pico::websocket::testing {

/// One websocketpp client connection with its own thread; messages are queued for receive().
class ws_client {
  public:
    /// `ca_file` non-empty makes it a wss:// client that trusts only that certificate.
    explicit ws_client(std::string ca_file = {});
    ~ws_client();
    ws_client(ws_client const&) = delete;
    ws_client& operator=(ws_client const&) = delete;

    /// Connects and waits for open or failure; true when open.
    bool open(std::string const& uri, std::vector<std::string> const& subprotocols = {},
              std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// HTTP status of the handshake response (101 when opened, 401/403 when refused).
    int http_status() const;
    /// The subprotocol the server selected.
    std::string subprotocol() const;
    /// The next message, or nullopt when none arrives in time or the connection closed.
    std::optional<std::string> receive(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// Messages received and not yet taken.
    std::size_t pending() const;
    /// Sends a text message.
    void send(std::string const& text);
    /// Closes (normal closure) and waits for the close to finish.
    void close();
    /// Waits until the server closed the connection; true when it did. close_code() tells why.
    bool wait_closed(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// Close code received from the server (0 when none).
    int close_code() const;

    struct impl;

  private:
    std::unique_ptr<impl> m_impl;
};

/// The result of a raw handshake.
struct raw_response {
    /// Status code from the status line; 0 when nothing came back.
    int status = 0;
    /// Headers as received.
    std::string headers;
    /// Every byte after the headers until the server closed (or the wait ended).
    std::string rest;
};

/// A TCP connection to 127.0.0.1:port.
class raw_client {
  public:
    /// Connects; `receive_buffer` > 0 shrinks SO_RCVBUF first (a slow reader fills up sooner).
    explicit raw_client(std::uint16_t port, int receive_buffer = 0);
    ~raw_client();
    raw_client(raw_client const&) = delete;
    raw_client& operator=(raw_client const&) = delete;

    /// Sends a WebSocket upgrade for `resource` with these Host and Origin headers ("" omits it)
    /// and extra header lines ("Name: value").
    void send_upgrade(std::string const& resource, std::string const& host, std::string const& origin,
                      std::vector<std::string> const& extra = {});
    /// Reads the response headers (up to the blank line).
    raw_response read_response(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    /// After read_response: reads until the server closes or `timeout` passes; returns the bytes.
    std::string read_until_closed(std::chrono::milliseconds timeout, bool* closed = nullptr);
    /// Sends raw bytes.
    void write(std::string const& bytes);
    /// The file descriptor (to check it stays open while not reading).
    int fd() const { return m_fd; }

  private:
    int m_fd = -1;
    std::string m_buffer;
};

/// A masked client text frame carrying `payload` (for raw_client::write).
std::string client_frame(std::string const& payload);

} // namespace pico::websocket::testing
