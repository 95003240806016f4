// The few configuration values the GUI shows or obeys, read from host::config()'s JSON.
#pragma once

#include <string>

namespace pico::gui {

/// Values from the effective configuration.
struct config_view {
    /// ui.show_add_torrent_dialog (default true).
    bool show_add_dialog = true;
    /// proxy.force with a proxy type other than none.
    bool proxy_forced = false;
    /// session.listen_interfaces.
    std::string listen;
};

/// Reads config_view from JSON text; defaults for anything missing or malformed.
config_view read_config_view(std::string const& json);

/// The status bar's listen state: "proxy: forced" or "listen: <interfaces>".
std::string listen_text(config_view const& v);

} // namespace pico::gui
