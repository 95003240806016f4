// The SDK 1.1 detail queries on top of libtorrent handles: peers, trackers, session-wide
// statistics, per-torrent rate limits, queue moves and file progress. Host thread only.
#pragma once

#include "session/session_host.hpp"

#include <libtorrent/peer_info.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <picotorrent/sdk/session_info.hpp>
#include <string>
#include <vector>

namespace pico::session {

/// qBittorrent-style flag letters for one peer, separated by spaces (see sdk::peer_entry::flags).
std::string peer_flags(lt::peer_info const& p);

/// The torrent's connected peers.
std::vector<sdk::peer_entry> peer_entries(lt::torrent_handle const& h);

/// The torrent's trackers with a status word and the last message or error.
std::vector<sdk::tracker_entry> tracker_entries(lt::torrent_handle const& h);

/// Rates, totals, listen endpoints, free space and torrent counts of the whole session.
sdk::session_statistics session_statistics(session_host& session, std::string const& default_save_path);

/// A torrent's own limits (libtorrent's -1 / 0 "unlimited" both become 0).
sdk::rate_limits torrent_rate_limits(lt::torrent_handle const& h);

/// Sets a torrent's own limits; fails on a negative or too large limit.
sdk::status set_torrent_rate_limits(lt::torrent_handle const& h, sdk::rate_limits limits);

/// Checks limits for the session-wide settings; nullopt when fine, else one line.
std::optional<std::string> check_rate_limits(sdk::rate_limits limits);

/// Moves the torrent in the queue; a torrent without a queue place is left alone.
void move_in_queue(lt::torrent_handle const& h, sdk::queue_move move);

/// Verified bytes per file (whole pieces only, so cheap); empty until the metadata is known.
std::vector<std::int64_t> file_progress(lt::torrent_handle const& h);

} // namespace pico::session
