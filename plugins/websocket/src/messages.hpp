// The reference protocol's messages as JSON text (see docs/websocket.md).
#pragma once

#include <picotorrent/sdk/torrent.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pico::websocket {

/// `version_info.api_version` of pico_state.
inline constexpr int api_version = 1;

/// The reference torrent object: exactly info_hash, name, queue_position, size, progress,
/// status, eta, dl_rate, ul_rate, seeds_connected, seeds_total, nonseeds_connected, nonseeds_total.
nlohmann::ordered_json torrent_object(sdk::torrent_snapshot const& t);

/// {"type":"pico_state","version_info":{"api_version":1},"torrents":[...]}
std::string pico_state_message(std::vector<sdk::torrent_snapshot> const& torrents);
/// {"type":"torrent_added","torrent":{...}}
std::string torrent_added_message(sdk::torrent_snapshot const& t);
/// {"type":"torrent_finished","torrent":{...}}
std::string torrent_finished_message(sdk::torrent_snapshot const& t);
/// {"type":"torrent_removed","info_hash":"..."}
std::string torrent_removed_message(std::string const& info_hash);
/// {"type":"torrent_updated","torrents":[...]}
std::string torrent_updated_message(std::vector<sdk::torrent_snapshot> const& torrents);

/// Serializes for the wire; invalid UTF-8 in names is replaced rather than thrown on.
std::string to_wire(nlohmann::ordered_json const& message);

} // namespace pico::websocket
