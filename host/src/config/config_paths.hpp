// Where the configuration, the state and the downloads live (XDG base directories).
#pragma once

#include <filesystem>
#include <optional>

namespace pico::config {

/// The configuration file's name, both portable (next to the executable) and per user.
inline constexpr char const* config_file_name = "PicoTorrent.json";

/// --config if given, else PicoTorrent.json next to the executable if that file exists
/// (portable install), else $XDG_CONFIG_HOME/picotorrent/PicoTorrent.json (default ~/.config).
std::filesystem::path locate_config_file(std::optional<std::filesystem::path> const& from_cli,
                                         std::filesystem::path const& executable_dir);

/// $XDG_DATA_HOME/picotorrent (default ~/.local/share/picotorrent); --state-dir is the caller's.
std::filesystem::path default_state_dir();

/// The user's download folder: $XDG_DOWNLOAD_DIR, else the XDG user-dirs entry, else ~/Downloads.
std::filesystem::path default_save_path();

/// The folder holding the running executable (from /proc/self/exe; the current folder if unknown).
std::filesystem::path executable_dir();

} // namespace pico::config
