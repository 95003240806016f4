// Puts saved torrents back into the session in one batch: asynchronous adds, then one status
// query for all their handles, instead of a blocking round trip to libtorrent's thread per
// torrent (which, on a busy machine, is a context switch each way per torrent).
#pragma once

#include <cstddef>
#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/alert.hpp>
#include <libtorrent/session.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <libtorrent/torrent_status.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pico::session {

/// What add_saved_torrents put in the session.
struct restored_batch {
    /// Handles of the torrents libtorrent added, by info hash string.
    std::map<std::string, lt::torrent_handle> handles;
    /// Every torrent submitted, by info hash string: its add_torrent_alert is still to come.
    std::set<std::string> submitted;
};

/// An alert queue that holds what restoring `count` torrents posts at once (an add, a state
/// change or two each) on top of the configured size, so none of their alerts is dropped before
/// the host thread gets to pop them.
int alert_queue_size_for(int configured, std::size_t count);

/// Adds `saved` (all, or those whose info hash string is in `only`) without waiting for each.
/// Returns once libtorrent has handled every add: failures arrive as add_torrent_alerts with
/// an error, and are absent from `handles`.
restored_batch add_saved_torrents(lt::session& s, std::vector<lt::add_torrent_params> saved,
                                  std::optional<std::set<std::string>> const& only);

/// For a batch of alerts with several add_torrent_alerts (a restore): the status of each added
/// torrent, by info hash string, from one query, so announcing each needs no round trip of its
/// own. Empty for a batch with fewer than two adds, which asks its handle directly.
std::map<std::string, lt::torrent_status> statuses_for_adds(lt::session& s,
                                                            std::vector<lt::alert*> const& alerts);

} // namespace pico::session
