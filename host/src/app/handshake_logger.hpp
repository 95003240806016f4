// --debug-handshake: one line per connection attempt, handshake and disconnect.
#pragma once

#include <libtorrent/alert.hpp>
#include <libtorrent/torrent_handle.hpp>

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
    std::set<std::string> m_reported;
};

} // namespace pico::app
