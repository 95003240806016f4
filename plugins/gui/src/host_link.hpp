// What the GUI thread holds of the host: post() and log() only (docs/threading.md), plus the
// services it found on the host thread, which are callable from any thread or only via post().
#pragma once

#include "gui_bridge.hpp"
#include "plugin_roster.hpp"

#include <memory>
#include <picotorrent/plugins/file_filters_service.hpp>
#include <picotorrent/plugins/updater_service.hpp>
#include <picotorrent/sdk/host.hpp>
#include <string>

namespace pico::gui {

/// Handed to every window; outlives them (owned by the front-end for the loop's duration).
struct host_link {
    /// The host: call post() and log() only from the GUI thread.
    sdk::host& host;
    /// Host thread -> GUI thread.
    gui_bridge& bridge;
    /// The file_filters service (any thread), null when that plugin is not running.
    std::shared_ptr<file_filters::file_filters_service> filters;
    /// The updater's service (host thread only: use through host.post), null when not running.
    std::shared_ptr<updater::updater_service> updater;
    /// <state-dir>, for gui.ini and gui.sock.
    std::string state_dir;
    /// The configured default save path.
    std::string default_save_path;
    /// Plugins the host reported (any thread), for Preferences; null in tests that need none.
    std::shared_ptr<plugin_roster> plugins;
};

} // namespace pico::gui
