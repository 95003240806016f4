// Wires one running host together: configuration, log, libtorrent session, plugins,
// event bus, hooks, services and the host thread's event loop.
#pragma once

#include "config/config_store.hpp"
#include "core/background_pool.hpp"
#include "core/event_bus.hpp"
#include "core/hook_chain.hpp"
#include "core/logger.hpp"
#include "core/service_registry.hpp"
#include "persistence/state_dir_lock.hpp"
#include "plugins/plugin_manager.hpp"
#include "session/session_host.hpp"
#include "util/exit_codes.hpp"
#include "util/service_notify.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pico::core {

/// What the command line asked for.
struct host_options {
    /// "run", "download", "seed" or "gui"; plugins see it through host_mode().
    std::string mode = "run";
    /// --config.
    std::optional<std::filesystem::path> config_file;
    /// --state-dir.
    std::optional<std::filesystem::path> state_dir;
    /// --save-path (overrides the config's save_path).
    std::optional<std::string> save_path;
    /// --strict: unknown configuration keys stop the host instead of being logged as warnings.
    bool strict = false;
    /// --plugin-dir, searched before the default plugin folders.
    std::vector<std::filesystem::path> plugin_dirs;
    /// --plugins a,b.
    std::optional<std::vector<std::string>> plugins;
    /// --no-plugins.
    bool no_plugins = false;
    /// Plugin-facing options such as "include"/"exclude", by name.
    std::map<std::string, std::vector<std::string>> plugin_options;
    /// Torrent files or magnet links to add once started.
    std::vector<std::string> torrents;
    /// Peers ("host:port") every torrent added from the command line connects to.
    std::vector<std::string> peers;
    /// Settings that win over the configuration (one-shot commands: listen address and the like).
    std::map<std::string, sdk::setting_value> setting_overrides;
    /// Keep resume data and session state.
    bool persist = true;
    /// How often resume data of changed torrents is written.
    std::chrono::seconds resume_interval{30};
    /// When set, only these saved torrents are restored (one-shot commands).
    std::optional<std::set<std::string>> restore_only;
    /// Lowest level written to stderr; the log file still gets info and above.
    sdk::log_level console_level = sdk::log_level::info;
    /// Exit code after SIGINT/SIGTERM (one-shot commands report the interruption).
    int interrupted_exit_code = 0;
    /// Tests only: wraps the configured disk I/O (to slow one kind of job down, say).
    std::function<lt::disk_io_constructor_type(lt::disk_io_constructor_type)> wrap_disk_io;
};

/// One host. Construct, start(), then run the io_context (run() does both).
class application {
  public:
    /// Loads the configuration; throws config::config_error on a bad config.
    explicit application(host_options options);
    ~application();
    application(application const&) = delete;
    application& operator=(application const&) = delete;

    /// Starts plugins, then the session, then adds the command line's torrents. Returns false
    /// (after logging one line, and before the session starts for the first two) when a
    /// fail_closed plugin did not start, when a plugin-facing option (--include) has no running
    /// plugin to consume it, or when a command-line torrent could not be added.
    bool start();
    /// The first half of start(): plugins discovered, configuration checked, plugins started and
    /// the start-up refusals checked. False (after one log line) when the host must not go on.
    bool start_plugins_phase();
    /// The second half of start(): the session with its saved torrents, the plugin_loaded /
    /// plugin_refused / host_started events, then the command line's torrents.
    bool start_session_phase();
    /// Runs until stopped by SIGINT/SIGTERM or request_stop(); returns the exit code.
    int run();
    /// Begins a clean shutdown: host_stopping, resume data saved, plugins stopped, loop ends.
    void request_stop(int exit_code = exit_ok);

    /// The host thread's loop.
    boost::asio::io_context& io() { return m_ioc; }
    /// The libtorrent session host.
    session::session_host& session() { return *m_session; }
    /// The configuration file.
    config::config_store& config() { return m_config; }
    /// The log.
    logger& log() { return m_log; }
    /// Event delivery.
    event_bus& events() { return m_events; }
    /// Add-torrent hooks.
    hook_chain& hooks() { return m_hooks; }
    /// Published services.
    service_registry& services() { return m_services; }
    /// Background work.
    background_pool& pool() { return m_pool; }
    /// The plugins.
    plugins::plugin_manager& plugin_manager() { return *m_plugins; }
    /// What the command line asked for.
    host_options const& options() const { return m_options; }
    /// Directories in use.
    sdk::host_paths paths() const;
    /// Publishes an event to every subscriber (host thread).
    void publish(sdk::event const& e) { m_events.publish(e); }
    /// Disables a plugin that misbehaved; safe to call from inside its callback. A fail_closed
    /// plugin's failure also stops the host with exit_failure.
    void plugin_failed(std::string const& id, std::string const& what);
    /// Writes a top-level config key and tells subscribers.
    sdk::status write_config(std::string const& key, std::string const& json, std::string const& by);

    /// Makes plugin `id`'s object the front-end (gui mode only, one per host). Host thread.
    sdk::status set_front_end(std::string const& id, std::shared_ptr<sdk::front_end> fe);
    /// The registered front-end, if any. Host thread.
    std::shared_ptr<sdk::front_end> front_end() const { return m_front_end; }
    /// True when the front-end's manifest says "front_end_before_restore": its loop may start
    /// once the plugins have, while the host thread still restores saved torrents. Host thread.
    bool front_end_before_restore() const;
    /// The front-end's loop runs on the main thread from now on: stopping first asks it to quit.
    void front_end_started() { m_front_end_running = true; }
    /// The front-end's loop returned (posted by the main thread): the deferred or a clean stop goes on.
    void front_end_returned();

  private:
    /// True when plugin `id` is running and its manifest says fail_closed.
    bool is_fail_closed(std::string const& id) const;
    /// Discovers, selects, loads and starts the plugins.
    void start_plugins();
    /// Why the host must not go on with the plugins it has running (one line), if it must not.
    std::optional<std::string> startup_refusal() const;
    /// Sends `state` to the service manager, if one started the host (systemd Type=notify).
    void notify_service_manager(std::string const& state);

    host_options m_options;
    boost::asio::io_context m_ioc;
    logger m_log;
    config::config_store m_config;
    std::filesystem::path m_state_dir;
    // Held from before the log opens until after the session has saved its last resume data.
    std::optional<persistence::state_dir_lock> m_state_lock;
    std::string m_save_path;
    event_bus m_events;
    hook_chain m_hooks;
    service_registry m_services;
    background_pool m_pool;
    std::unique_ptr<session::session_host> m_session;
    std::unique_ptr<plugins::plugin_manager> m_plugins;
    boost::asio::signal_set m_signals;
    util::service_notifier m_service_notifier;
    std::set<std::string> m_failed_plugins;
    /// Set while starting plugins when the host must not go on (unknown --plugins id).
    std::optional<std::string> m_plugin_refusal;
    int m_exit_code = exit_ok;
    bool m_stopping = false;
    bool m_started = false;
    std::shared_ptr<sdk::front_end> m_front_end;
    std::string m_front_end_owner;
    bool m_front_end_running = false;
    std::optional<int> m_deferred_exit_code;
};

} // namespace pico::core
