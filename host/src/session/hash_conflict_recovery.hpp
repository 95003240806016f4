// libtorrent 2.0.8 sometimes stops a hybrid torrent fetched by magnet with "v1 and v2 hashes do
// not describe the same data" (lt::errors::torrent_inconsistent_hashes) although its data is
// fine. The host recovers once per torrent: it clears the error, checks the files again and logs
// it; only a check that fails the same way again is reported as the torrent's error.
#pragma once

#include <functional>
#include <libtorrent/alert.hpp>
#include <libtorrent/error_code.hpp>
#include <libtorrent/info_hash.hpp>
#include <map>
#include <picotorrent/sdk/host.hpp>
#include <string>

namespace pico::session {

/// The decisions, without libtorrent's session: what to do with each inconsistent-hashes error.
class hash_conflict_policy {
  public:
    /// What to do with one error alert.
    enum class action {
        report,  ///< not ours to handle, or a recheck failed the same way: the torrent's error
        recover, ///< the first time: clear the error and check the files again
        ignore,  ///< a repeat from the same failed check (libtorrent sends one per piece)
    };

    /// Decides about an error on torrent `torrent`.
    action on_error(lt::info_hash_t const& torrent, lt::error_code const& error);
    /// The torrent's files are being checked (the recovery's recheck or a user's).
    void on_check_started(lt::info_hash_t const& torrent);
    /// The torrent left the session.
    void forget(lt::info_hash_t const& torrent);

  private:
    enum class stage { recovering, rechecking, reported };
    std::map<lt::info_hash_t, stage> m_stage;
};

/// Applies hash_conflict_policy to the host's alerts. Lives on the host thread.
class hash_conflict_recovery {
  public:
    /// Writes one log line.
    using log_fn = std::function<void(sdk::log_level, std::string const&)>;

    /// Sees every alert; returns true when it consumed it (a recovered or repeated error that must
    /// not reach the plugins as the torrent's error).
    bool handle(lt::alert const* a, log_fn const& log);

  private:
    hash_conflict_policy m_policy;
};

} // namespace pico::session
