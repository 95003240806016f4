// Runs the plugin object on a test_host, the way the host would: start and stop on the host thread.
#pragma once

#include "test_host.hpp"
#include "websocket_plugin.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace pico::websocket::testing {

/// Token the fixtures configure unless a test asks for generation.
inline std::string const fixed_token = "0123456789abcdef-test-token";

/// A started plugin on a test host; stops it on destruction.
class running_plugin {
  public:
    /// Starts the plugin with `section` (enabled, port 0 and fixed_token unless given).
    explicit running_plugin(nlohmann::json section = {}) : m_host(complete(std::move(section)).dump())
    {
        m_host.call([this] { m_plugin.start(m_host); });
    }
    ~running_plugin() { stop(); }
    running_plugin(running_plugin const&) = delete;
    running_plugin& operator=(running_plugin const&) = delete;

    /// Stops the plugin (idempotent).
    void stop()
    {
        if (!m_stopped) {
            m_stopped = true;
            m_host.call([this] { m_plugin.stop(); });
        }
    }

    test_host& host() { return m_host; }
    websocket_plugin& plugin() { return m_plugin; }
    std::uint16_t port() const { return m_plugin.port(); }
    /// The token in effect (as stored in the section).
    std::string token() const { return nlohmann::json::parse(m_host.section()).value("token", ""); }
    /// ws://127.0.0.1:PORT/?token=TOKEN
    std::string url(std::string const& scheme = "ws") const
    {
        return scheme + "://127.0.0.1:" + std::to_string(port()) + "/?token=" + token();
    }

  private:
    static nlohmann::json complete(nlohmann::json section)
    {
        if (section.is_null())
            section = nlohmann::json::object();
        if (!section.contains("enabled"))
            section["enabled"] = true;
        if (!section.contains("listen_port"))
            section["listen_port"] = 0;
        if (!section.contains("token"))
            section["token"] = fixed_token;
        else if (section["token"].is_null())
            section.erase("token");
        return section;
    }

    mutable test_host m_host; // token() reads the section through the host thread
    websocket_plugin m_plugin;
    bool m_stopped = false;
};

} // namespace pico::websocket::testing
