// The reference protocol's messages as JSON text (see docs/websocket.md).
#pragma once

#include <nlohmann/json.hpp>
#include <picotorrent/sdk/session_info.hpp>
#include <picotorrent/sdk/torrent.hpp>
#include <string>
#include <vector>

namespace pico::websocket {

/// `version_info.api_version` of pico_state.
inline constexpr int api_version = 1;

/// The reference torrent object (info_hash, name, queue_position, size, progress, status, eta,
/// dl_rate, ul_rate, seeds_connected, seeds_total, nonseeds_connected, nonseeds_total, in that
/// order), then the additions: save_path, ratio, added_time, error, total_downloaded, total_uploaded.
nlohmann::ordered_json torrent_object(sdk::torrent_snapshot const& t);

/// [torrent_object, ...] in the given order.
nlohmann::ordered_json torrent_array(std::vector<sdk::torrent_snapshot> const& torrents);

/// [{index, path, size, progress, priority}]; `done_bytes` is per file in the same order (may be empty).
nlohmann::ordered_json file_array(std::vector<sdk::file_entry> const& files,
                                  std::vector<std::int64_t> const& done_bytes);
/// [{address, client, dl_rate, ul_rate, progress, flags}]
nlohmann::ordered_json peer_array(std::vector<sdk::peer_entry> const& peers);
/// [{url, tier, status, message}]
nlohmann::ordered_json tracker_array(std::vector<sdk::tracker_entry> const& trackers);
/// {dl_rate, ul_rate, total_downloaded, total_uploaded, listen_endpoints, free_space, torrents:{...},
/// download_rate_limit, upload_rate_limit}
nlohmann::ordered_json stats_object(sdk::session_statistics const& stats, sdk::rate_limits const& limits);

/// {"type":"hello","app_version":"...","api_version":1,"requests":[...]}
std::string hello_message(std::string const& app_version, std::vector<std::string> const& requests);

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
