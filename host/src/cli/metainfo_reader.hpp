// Reads a .torrent into a torrent_report with libtorrent's parser, and turns every way
// it can fail into one metainfo_error line with a byte offset.
#pragma once

#include "cli/metainfo_error.hpp"
#include "cli/torrent_report.hpp"

#include <filesystem>
#include <string_view>

namespace pico::cli {

/// Parses a whole .torrent held in memory. Throws metainfo_error.
torrent_report read_metainfo(std::string_view buffer);

/// Reads and parses a .torrent file. Throws metainfo_error (also for a missing or unreadable file).
torrent_report read_metainfo_file(std::filesystem::path const& path);

} // namespace pico::cli
