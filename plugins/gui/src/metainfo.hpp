// Just enough of a .torrent file for the Add torrent dialog: name and the file list in the
// host's file index order (pad files included, so indices match host::set_file_priorities).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pico::gui {

/// One file as the host will index it.
struct metainfo_file {
    /// Path inside the torrent, '/'-separated, starting with the root folder for multi-file torrents.
    std::string path;
    /// Size in bytes.
    std::int64_t size = 0;
    /// A BEP 47 padding file: counted in indices, never shown.
    bool pad = false;
};

/// What the dialog needs from a .torrent file.
struct metainfo {
    /// The torrent's name.
    std::string name;
    /// Files in host index order.
    std::vector<metainfo_file> files;
};

/// Parses .torrent bytes; nullopt with `error` set (one line) when they are not a torrent.
std::optional<metainfo> parse_metainfo(std::string const& bytes, std::string& error);

} // namespace pico::gui
