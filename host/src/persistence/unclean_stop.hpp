// What a host does about an unclean stop of the previous one (kill -9, crash, power cut): the
// resume data on disk may be older than the pieces already written (in the worst case the
// all-zero piece map saved when a torrent was added), and trusting it starts downloads over.
// So incomplete torrents are checked against their files instead; SHA-1 at ~1.8 GB/s makes
// that cheaper than writing resume data often enough that it could not be stale.
#pragma once

#include "persistence/clean_stop_marker.hpp"

#include <filesystem>
#include <libtorrent/add_torrent_params.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pico::persistence {

/// Forgets the saved piece map of a torrent that was not complete (have, verified and
/// unfinished pieces), so libtorrent checks its files on disk when it is added: with no piece
/// map and any file present, libtorrent runs a full check. Complete torrents and torrents in
/// seed mode keep theirs (a complete map cannot be stale: data only grows), and so do magnets
/// without metadata (there is nothing to check yet). Returns whether the torrent's files will be
/// checked (also when it had no piece map to forget).
bool distrust_saved_progress(lt::add_torrent_params& atp);

/// One host run's view of clean stops, from start to shutdown. Lives on the host thread.
class unclean_stop_recovery {
  public:
    /// Takes the previous run's marker from `state_dir` (see clean_stop_marker::take).
    explicit unclean_stop_recovery(std::filesystem::path state_dir);

    /// Whether the previous host on this state directory stopped cleanly.
    bool previous_stop_was_clean() const { return m_previous_clean; }

    /// For a torrent about to be restored from saved state: after an unclean stop, applies
    /// distrust_saved_progress. Returns true when the torrent's files will be checked.
    bool prepare_restore(lt::add_torrent_params& atp);

    /// For the saved torrents about to be restored: prepare_restore on each that `only` lets
    /// through (every one when unset, else those whose info hash string it holds) and
    /// torrent_not_restored for the others. Returns how many will have their files checked.
    int prepare_restores(std::vector<lt::add_torrent_params>& saved,
                         std::optional<std::set<std::string>> const& only);

    /// A saved torrent was left out of this run (a one-shot command restores only its own):
    /// its resume data was not checked, so this run must not vouch for it with a marker.
    void torrent_not_restored();

    /// A resume data save failed or was given up on: what is on disk may be stale.
    void resume_save_failed();

    /// Whether finish() will write the marker.
    bool will_mark_clean() const;

    /// Call at the very end of a clean shutdown, after every resume data save and the session
    /// state: writes the marker when nothing on disk is stale. Throws std::system_error.
    void finish() const;

  private:
    clean_stop_marker m_marker;
    bool m_previous_clean;
    bool m_unchecked_left = false;
    bool m_save_failed = false;
};

} // namespace pico::persistence
