// Text tables for `picotorrent remote`: what transmission-remote users expect to read.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pico::app::remote {

/// The reference status code's words ("downloading (stalled)", "uploading (paused)", ...).
std::string status_text(int status);

/// ID (first 8 hex characters of the info hash), Done, Size, Down, Up, ETA, Ratio, Status, Name;
/// then a totals line.
std::string torrent_table(std::vector<nlohmann::json> const& torrents);

/// Index, Done, Priority, Size, Path.
std::string file_table(nlohmann::json const& files);

/// Address, Client, Done, Down, Up, Flags.
std::string peer_table(nlohmann::json const& peers);

/// Rates, totals, limits, listen endpoints, free space and torrent counts, one per line.
std::string stats_text(nlohmann::json const& stats);

} // namespace pico::app::remote
