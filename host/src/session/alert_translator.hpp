// Turns libtorrent alerts into SDK events: one small function per alert family.
// Alerts that also drive persistence (added, removed, metadata, finished, paused,
// resume data) are handled by session_host before it calls this.
#pragma once

#include <functional>
#include <libtorrent/alert.hpp>
#include <libtorrent/alert_types.hpp>
#include <picotorrent/sdk/host.hpp>
#include <string>

namespace pico::session {

/// The last file error published. libtorrent follows a file_error_alert with a torrent_error_alert
/// for the same failure when it stops the torrent; this lets that second report be dropped.
struct last_file_error {
    /// The torrent the error concerned.
    lt::torrent_handle handle;
    /// The error libtorrent reported.
    lt::error_code error;
};

/// Publishes the SDK event(s) for one alert, if it maps to any; logs errors worth a line.
/// `memory` carries file errors across calls so one failure is one torrent_error event.
void translate_alert(lt::alert const* a, std::function<void(sdk::event const&)> const& publish,
                     std::function<void(sdk::log_level, std::string const&)> const& log,
                     last_file_error& memory);

/// A session_stats event with every counter by name; rates are left for the caller, which
/// knows the previous sample.
sdk::session_stats_event make_stats_event(lt::session_stats_alert const& a);

} // namespace pico::session
