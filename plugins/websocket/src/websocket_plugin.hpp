// The plugin object: reads `websocket.*`, runs the server, turns SDK events into
// protocol messages and client commands into host calls.
#pragma once

#include "server.hpp"
#include "settings.hpp"

#include <memory>
#include <picotorrent/sdk/plugin.hpp>

namespace pico::websocket {

/// The WebSocket plugin (id "websocket").
class websocket_plugin final : public sdk::plugin {
  public:
    websocket_plugin();
    ~websocket_plugin() override;
    websocket_plugin(websocket_plugin const&) = delete;
    websocket_plugin& operator=(websocket_plugin const&) = delete;

    /// Starts the server when `websocket.enabled` is true. Throws (refusing the plugin) on a
    /// bad section, a port it cannot bind, or TLS files it cannot load.
    void start(sdk::host& h) override;
    /// Stops listening, closes every client and joins the server thread.
    void stop() override;

    /// Port the server listens on, 0 when it is not running. For tests and the log line.
    std::uint16_t port() const;
    /// Server counters (all zero when not running).
    server_stats stats() const;

  private:
    class core;
    // Work posted to the host thread holds a weak reference, so it is harmless after stop().
    std::shared_ptr<core> m_core;
};

} // namespace pico::websocket
