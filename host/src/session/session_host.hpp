// Owns the libtorrent session: adds and controls torrents, turns alerts into SDK
// events on the host thread, and keeps resume data and session state on disk. One class, one
// file per stage: session_host.cpp (life cycle), add_pipeline.cpp, session_alerts.cpp,
// torrent_control.cpp and session_settings.cpp.
#pragma once

#include "persistence/resume_store.hpp"
#include "persistence/unclean_stop.hpp"
#include "session/alert_translator.hpp"
#include "session/foreign_files.hpp"
#include "session/hash_conflict_recovery.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <filesystem>
#include <functional>
#include <libtorrent/fwd.hpp>
#include <libtorrent/session.hpp>
#include <libtorrent/session_params.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <libtorrent/torrent_status.hpp>
#include <map>
#include <memory>
#include <optional>
#include <picotorrent/sdk/host.hpp>
#include <set>
#include <string>
#include <vector>

namespace pico::session {

/// How the session is set up.
struct session_options {
    /// Settings from the configuration (alert mask and the like are added by the session host).
    lt::settings_pack settings;
    /// Where resume data and session state live.
    std::filesystem::path state_dir;
    /// Save path for requests that do not name one.
    std::string default_save_path;
    /// How often changed torrents' resume data is written.
    std::chrono::seconds resume_interval{30};
    /// Restore saved torrents and session state at start, and keep saving them.
    bool persist = true;
    /// When set, only saved torrents with these info hashes are restored (one-shot commands).
    std::optional<std::set<std::string>> restore_only;
    /// The storage back-end (config/throughput_profile.hpp); empty: libtorrent's default.
    lt::disk_io_constructor_type disk_io;
};

/// Lives on the host thread; every method must be called there. Before start() there is no
/// libtorrent session yet (plugins start first): settings are kept for it, queries see no
/// torrents, add() fails with a reason, and only native() throws.
class session_host {
  public:
    /// Delivers one event to the plugins.
    using publish_fn = std::function<void(sdk::event const&)>;
    /// Writes one log line.
    using log_fn = std::function<void(sdk::log_level, std::string const&)>;
    /// Runs the add-torrent hooks: returns a rejection reason or nullopt.
    using hooks_fn = std::function<std::optional<std::string>(sdk::add_torrent_request&)>;

    session_host(boost::asio::io_context& ioc, session_options options, publish_fn publish, log_fn log,
                 hooks_fn hooks);
    ~session_host();
    session_host(session_host const&) = delete;
    session_host& operator=(session_host const&) = delete;

    /// Creates the session, restores saved state and torrents, starts the timers.
    void start();
    /// Saves resume data for every torrent and the session state, then calls `done` (host thread).
    /// Gives up waiting after `timeout` so a stuck disk cannot hang shutdown forever.
    void shutdown(std::function<void()> done, std::chrono::seconds timeout = std::chrono::seconds(30));

    /// See pico::sdk::host::add_torrent.
    sdk::add_torrent_result add(sdk::add_torrent_request request);
    /// The same add, hooks included, for parameters a command has already prepared (`seed`
    /// maps its storage first). `request` says where the torrent came from; its info hash, name
    /// and files are filled in from `atp`, and an empty save_path means atp's own.
    sdk::add_torrent_result add_params(lt::add_torrent_params atp, sdk::add_torrent_request request);
    /// See pico::sdk::host::remove_torrent.
    bool remove(std::string const& info_hash, sdk::remove_mode mode);
    /// See pico::sdk::host::pause_torrent.
    bool pause(std::string const& info_hash);
    /// See pico::sdk::host::resume_torrent.
    bool resume(std::string const& info_hash);
    /// See pico::sdk::host::force_recheck.
    bool force_recheck(std::string const& info_hash);
    /// See pico::sdk::host::move_storage.
    bool move_storage(std::string const& info_hash, std::string const& path);
    /// See pico::sdk::host::torrents.
    std::vector<sdk::torrent_snapshot> torrents();
    /// See pico::sdk::host::find_torrent.
    std::optional<sdk::torrent_snapshot> find(std::string const& info_hash);
    /// See pico::sdk::host::files.
    std::vector<sdk::file_entry> files(std::string const& info_hash);
    /// See pico::sdk::host::set_file_priorities.
    bool set_file_priorities(std::string const& info_hash, std::vector<std::uint8_t> const& priorities);
    /// Applies libtorrent settings by name, all or nothing. Returns the names that were applied.
    sdk::status apply_settings(std::map<std::string, sdk::setting_value> const& settings,
                               std::vector<std::string>* applied = nullptr);
    /// Current value of a libtorrent setting by name.
    std::optional<sdk::setting_value> setting(std::string const& name);
    /// Connects a torrent to a peer given as "host:port"; false when either is unknown/invalid.
    bool connect_peer(std::string const& info_hash, std::string const& endpoint);
    /// The port the session listens on (0 before it listens).
    int listen_port() const;
    /// Payload bytes received since the session started, as of the last stats tick (about 1 s).
    std::int64_t received_payload_total() const { return m_last_recv_payload; }
    /// Payload bytes sent since the session started, as of the last stats tick (about 1 s).
    std::int64_t sent_payload_total() const { return m_last_sent_payload; }
    /// Direct access for one-shot commands (download/seed) that need more than the SDK offers.
    /// Throws std::logic_error before start().
    lt::session& native();
    /// The SDK's info hash string for a handle.
    std::string handle_key(lt::torrent_handle const& h) const;
    /// The handle of a torrent, if present.
    std::optional<lt::torrent_handle> handle(std::string const& info_hash) const;
    /// True while a magnet's files are held at "don't download": until the host has handled its
    /// metadata, and then until libtorrent has applied the priorities chosen for them (it
    /// applies them on its disk thread). Before that libtorrent reports nothing wanted. Ask
    /// before reading the torrent's status: a status read first may predate the priorities.
    bool files_held(std::string const& info_hash);
    /// A raw view of every alert after translation, for diagnostics only (`download
    /// --debug-handshake` logs peer handshakes with it); commands otherwise use SDK events.
    std::function<void(lt::alert const*)> on_alert;

  private:
    // session_alerts.cpp: one handler per alert that changes the host's own state.
    void handle_alerts();
    void translate(lt::alert const* a);
    void on_resume_data_saved(lt::save_resume_data_alert const& rd);
    void on_resume_data_failed(lt::save_resume_data_failed_alert const& rf);
    void on_torrent_added(lt::add_torrent_alert const& added);
    void on_torrent_removed(lt::torrent_removed_alert const& removed);
    void on_metadata_received(lt::metadata_received_alert const& md);
    void on_torrent_finished(lt::torrent_finished_alert const& fin);
    void on_session_stats(lt::session_stats_alert const& stats);
    // session_host.cpp: the life cycle.
    void on_tick();
    void save_changed_resume_data();
    void request_resume_data(lt::torrent_handle const& h);
    void restore_torrents();
    void finish_shutdown_if_done();
    // add_pipeline.cpp: the request's source read into add parameters, and described back.
    lt::add_torrent_params prepare(sdk::add_torrent_request& request, std::string& error);
    void describe(lt::add_torrent_params const& atp, sdk::add_torrent_request& request) const;

    boost::asio::io_context& m_ioc;
    session_options m_options;
    publish_fn m_publish;
    log_fn m_log;
    hooks_fn m_hooks;
    std::unique_ptr<lt::session> m_session;
    std::optional<persistence::resume_store> m_store;
    std::optional<persistence::unclean_stop_recovery> m_unclean_stop; // with m_store
    boost::asio::steady_timer m_tick_timer;
    boost::asio::steady_timer m_shutdown_timer;
    std::chrono::steady_clock::time_point m_last_resume_save;
    std::chrono::steady_clock::time_point m_last_stats;
    std::int64_t m_last_recv_payload = 0;
    std::int64_t m_last_sent_payload = 0;
    /// The file error last published, so its follow-up torrent_error_alert is not a second event.
    last_file_error m_last_file_error;
    hash_conflict_recovery m_hash_conflicts;
    bool m_have_stats = false;

    std::map<std::string, lt::torrent_handle> m_torrents;     // by info hash string
    std::map<std::string, std::string> m_names;               // for torrent_removed after the handle is gone
    std::set<std::string> m_restoring;                        // added from saved state, not yet announced
    std::map<std::string, lt::torrent_status> m_added_status; // statuses_for_adds of the current alert batch
    foreign_files m_foreign;                                  // files that were there before a torrent
    std::set<std::string> m_files_held; // magnets downloading nothing until their metadata
    /// set_file_priorities calls while an event runs, with the priorities they asked for.
    std::map<std::string, std::vector<lt::download_priority_t>> m_priorities_set_for;
    /// Held magnets whose chosen priorities libtorrent has not applied yet.
    std::map<std::string, std::vector<lt::download_priority_t>> m_priorities_applying;
    /// A removal with data whose pre-existing files must stay: what to delete once it is gone.
    struct owned_delete {
        std::shared_ptr<lt::torrent_info const> ti;
        std::string save_path;
        std::set<std::string> keep;
    };
    std::map<std::string, owned_delete> m_owned_deletes;
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
    int m_outstanding_resume = 0;
    bool m_stopping = false;
    std::function<void()> m_shutdown_done;
};

} // namespace pico::session
