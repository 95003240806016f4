// --debug-handshake: one line per connection attempt, handshake and disconnect.
#pragma once

#include <libtorrent/alert.hpp>
#include <libtorrent/peer_info.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <map>
#include <set>
#include <string>

namespace pico::app {

/// Prints connection and handshake details to stderr.
class handshake_logger {
  public:
    /// Alert categories this logger needs on top of the host's.
    static int alert_mask();
    /// Looks at every alert.
    void on_alert(lt::alert const* a);
    /// Reports newly identified peers of `h` (peer id, client, transport, extension support).
    void report_peers(lt::torrent_handle const& h);

  private:
    void report(lt::peer_info const& p);
    void report_from_alerts(std::string const& endpoint, lt::peer_id const& pid);

    std::set<std::string> m_reported;
    // What the alerts told about a peer before the summary line: transport, client, reserved bits.
    std::map<std::string, std::string> m_transport;
    std::map<std::string, std::string> m_client;
    std::map<std::string, std::string> m_reserved;
};

} // namespace pico::app
