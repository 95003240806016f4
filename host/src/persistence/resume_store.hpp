// Resume data and session state on disk, so a restart (or a kill -9) picks up where the host was.
#pragma once

#include <filesystem>
#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/session_params.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pico::persistence {

/// Files under the state directory:
///   resume/<info_hash>.resume  one per torrent, lt::write_resume_data_buf (magnets without
///                              metadata too: their params carry info hashes, name and trackers)
///   session.state              lt::write_session_params_buf with every save_state flag
/// Every write is atomic (pico::util::write_file_atomically): a reader sees the old file or the
/// new one. A file that does not parse is renamed to <name>.bad, never deleted.
class resume_store {
  public:
    /// Uses `state_dir`; nothing is created until the first save.
    explicit resume_store(std::filesystem::path state_dir);

    /// Writes one torrent's resume data; the key is info_hash_string of atp.ti (when set) or
    /// atp.info_hashes. Throws std::invalid_argument without an info hash, std::system_error on I/O errors.
    void save(lt::add_torrent_params const& atp);

    /// Forgets one torrent, named by its hash in either case (no-op when absent or not a hash). Never throws.
    void remove(std::string const& info_hash);

    /// What load_all found.
    struct loaded {
        /// Parsed torrents, in file name order.
        std::vector<lt::add_torrent_params> torrents;
        /// One line per unusable file: the file and why (the file is then renamed to <name>.bad).
        std::vector<std::string> errors;
    };

    /// Reads every resume file. Corrupt files are reported and renamed to <name>.bad; temporary
    /// files left by an interrupted write of another process are removed.
    loaded load_all() const;

    /// Writes the session state (DHT nodes, settings, IP filter, extension state).
    /// Throws std::system_error on I/O errors.
    void save_session_state(lt::session_params const& params);

    /// The saved session state; nullopt when absent (error untouched) or unusable (`error` says
    /// why, and a corrupt file is renamed to session.state.bad).
    std::optional<lt::session_params> load_session_state(std::string* error) const;

    /// The state directory.
    std::filesystem::path const& directory() const;

    /// Where one torrent's resume data lives.
    std::filesystem::path resume_file(std::string const& info_hash) const;

    /// Where the session state lives.
    std::filesystem::path session_state_file() const;

  private:
    std::filesystem::path m_dir;
};

} // namespace pico::persistence
