// libtorrent 2.0.8 sometimes stops a hybrid torrent fetched by magnet with "v1 and v2 hashes do
// not describe the same data" (lt::errors::torrent_inconsistent_hashes) although its data is
// fine. The host recovers once per torrent: it clears the error, checks the files again and logs
// it; only a check that fails the same way again is reported as the torrent's error.
#pragma once

#include <functional>
#include <libtorrent/alert.hpp>
#include <libtorrent/error_code.hpp>
#include <libtorrent/info_hash.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <map>
#include <picotorrent/sdk/host.hpp>
#include <string>

namespace pico::session {

/// The decisions, without libtorrent's session: what to do with each error of a torrent.
class hash_conflict_policy {
  public:
    /// What to do with one error alert.
    enum class action {
        report,  ///< not ours to handle, or the recheck failed the same way (once per torrent and run)
        recover, ///< the first time: clear the error and check the files again, and log it
        retry,   ///< the recovery's own recheck was cancelled: clear the error and check again
        ignore,  ///< a repeat (libtorrent sends one per piece); the torrent's status still says it
    };

    /// Decides about an error on torrent `torrent`.
    action on_error(lt::info_hash_t const& torrent, lt::error_code const& error);
    /// The torrent's files are being checked (the recovery's recheck or a user's).
    void on_check_started(lt::info_hash_t const& torrent);
    /// The torrent left the checking states without an error.
    void on_check_finished(lt::info_hash_t const& torrent);
    /// The torrent left the session.
    void forget(lt::info_hash_t const& torrent);

    /// How often the recovery's recheck is started again after libtorrent cancelled it.
    static constexpr int max_retries = 3;

  private:
    enum class stage { recovering, rechecking, recovered, reported };
    struct state {
        stage at = stage::recovering;
        int retries = 0;
    };
    std::map<lt::info_hash_t, state> m_torrents;
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
    static void recheck(lt::torrent_handle const& h);

    hash_conflict_policy m_policy;
};

} // namespace pico::session
