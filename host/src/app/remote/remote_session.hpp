// A `picotorrent remote` connection speaking the host's WebSocket API: the welcome
// (pico_state, hello), requests matched to their replies by id, and live updates.
#pragma once

#include "app/remote/ws_client.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pico::app::remote {

/// The host answered a request with an error; its message.
class request_refused : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// One connection to a host.
class remote_session {
  public:
    /// Connects, authenticates and reads pico_state (and hello, when the host sends one).
    remote_session(ws_target const& target, std::string const& token, std::chrono::milliseconds timeout);
    ~remote_session();

    /// Every torrent, kept current by the broadcasts read so far.
    std::vector<nlohmann::json> torrents() const;

    /// The host's app version from hello ("" from a host without hello).
    std::string const& host_version() const { return m_host_version; }

    /// Sends {"type":type,...fields} and returns its result; throws request_refused with the
    /// host's message for an error reply, remote_error when no reply comes in time.
    nlohmann::json request(std::string const& type, nlohmann::json fields = nlohmann::json::object());

    /// Full info hashes for HASH arguments: "all", a full hash, or a unique prefix of at least 4
    /// characters. Throws request_refused naming an argument that matches no torrent or several.
    std::vector<std::string> resolve(std::vector<std::string> const& arguments) const;

    /// Reads broadcasts until `stop()` is true (returns true) or SIGINT/SIGTERM (returns false),
    /// calling `changed()` after each torrent message; throws remote_error when the host goes.
    bool follow(std::function<void()> const& changed, std::function<bool()> const& stop);

    /// Closes the connection.
    void close();

  private:
    void apply(nlohmann::json const& message);

    std::unique_ptr<ws_client> m_client;
    std::chrono::milliseconds m_timeout;
    std::vector<nlohmann::json> m_torrents;
    std::string m_host_version;
    std::int64_t m_next_id = 1;
};

} // namespace pico::app::remote
