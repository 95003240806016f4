// Files a torrent named that were already on disk when this host added it (or, for a magnet,
// when its metadata arrived). "Remove with data" deletes only the other files: a crafted
// torrent that names ~/.bashrc, added paused and removed with delete_data, must not delete it
// (issue 9). Kept per torrent in <state-dir>/foreign/<info hash>.json so a restart remembers.
#pragma once

#include <filesystem>
#include <libtorrent/torrent_info.hpp>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pico::session {

/// Host thread only.
class foreign_files {
  public:
    /// Records under `dir` (created when needed); nullopt keeps them in memory only.
    explicit foreign_files(std::optional<std::filesystem::path> dir);

    /// Notes which of `ti`'s files exist under `save_path` now (before libtorrent can write);
    /// files this host left there itself (remember_ours) do not count.
    void record(std::string const& key, lt::torrent_info const& ti, std::string const& save_path);

    /// A torrent leaves with its data kept: its files that were not foreign are this host's, so
    /// adding the torrent again and removing it with data deletes them.
    void remember_ours(std::string const& key, lt::torrent_info const& ti, std::string const& save_path);

    /// True when some file of the torrent was already there.
    bool any(std::string const& key);

    /// The torrent's pre-existing files, as paths inside the torrent ('/'-separated).
    std::set<std::string> of(std::string const& key);

    /// Forgets the torrent (it was removed).
    void forget(std::string const& key);

  private:
    std::set<std::string>* load(std::string const& key);
    std::set<std::string>& ours();
    void save_ours();

    std::optional<std::filesystem::path> m_dir;
    std::map<std::string, std::set<std::string>> m_by_key;
    std::optional<std::set<std::string>> m_ours; // absolute paths, loaded on first use
};

/// Deletes the torrent's files under `save_path` except `keep`, then the folders that became
/// empty (never `save_path` itself). Returns one line per file that could not be deleted.
std::vector<std::string> delete_owned_files(lt::torrent_info const& ti, std::string const& save_path,
                                            std::set<std::string> const& keep);

} // namespace pico::session
