// Point-in-time SDK copies of libtorrent torrent state: what events and host queries hand to plugins.
#pragma once

#include "session/status_mapping.hpp" // snapshots carry mapped states: callers get the mapping too

#include <libtorrent/torrent_handle.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>
#include <memory>
#include <picotorrent/sdk/torrent.hpp>
#include <string>
#include <vector>

namespace pico::session {

/// Every field of sdk::torrent_snapshot from one status. eta: seconds until total_wanted is done at
/// the current download rate (-1 at 0 B/s or when done); ratio: all-time up / all-time down (0 when
/// nothing was downloaded); seeds_total / nonseeds_total: the tracker's scrape counts when known,
/// else the larger of the peer-list and connected counts.
sdk::torrent_snapshot make_snapshot(lt::torrent_status const& st);

/// The error text of a torrent: the error message, plus which file or component failed (`file` is
/// torrent_status::error_file; `ti` may be null, then a file is named by its index).
std::string describe_error(lt::error_code const& ec, lt::file_index_t file,
                           std::shared_ptr<lt::torrent_info const> const& ti);

/// The torrent's files with their priorities, pad files left out; empty without metadata.
/// Paths are '/'-separated and start with the root folder of multi-file torrents.
std::vector<sdk::file_entry> file_entries(lt::torrent_handle const& h);

} // namespace pico::session
