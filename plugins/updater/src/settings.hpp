// The updater's configuration, read from the host's effective configuration: the reference's
// top-level `update_url` and `ignored_update`, and the `updater` section.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace pico::updater {

/// Where the reference looks for releases when the configuration does not say.
inline constexpr char const* default_update_url =
    "https://api.github.com/repos/picotorrent/picotorrent/releases/latest";

/// Everything one check needs to know from the configuration.
struct settings {
    /// Release document to fetch; empty turns checks off.
    std::string update_url = default_update_url;
    /// A version the user chose not to hear about again; empty when none.
    std::string ignored_update;
    /// Extra CA bundle trusted besides the system store; empty when none.
    std::string ca_file;
    /// Time between checks; zero means only the start-up check.
    std::chrono::milliseconds check_interval = std::chrono::hours(24);
    /// Limit for one whole check (connect, TLS, redirects, body).
    std::chrono::milliseconds timeout = std::chrono::seconds(15);
    /// `proxy.force` is on: the updater does not go through the proxy, so it must not connect.
    bool proxy_forced = false;
    /// One line per ignored bad value, naming the key; defaults are used instead.
    std::vector<std::string> warnings;
};

/// Reads the settings from the configuration's JSON text. Never throws; bad values become warnings.
settings read_settings(std::string const& config_json);

} // namespace pico::updater
