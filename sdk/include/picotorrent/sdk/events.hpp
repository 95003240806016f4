// Session events. Every event is delivered on the host thread, in the order the
// host observed it, to handlers registered with host::subscribe (see subscription.hpp).
// docs/events.md documents each one with the libtorrent alert it comes from.
#pragma once

#include <cstdint>
#include <map>
#include <picotorrent/sdk/torrent.hpp>
#include <string>
#include <vector>

namespace pico::sdk {

/// Identifies an event type. Values are stable within a major version; new ones are appended.
enum class event_type : std::uint32_t {
    /// All plugins are started and saved torrents are restored.
    host_started = 1,
    /// The host is shutting down; torrents are still there.
    host_stopping = 2,
    /// A torrent joined the session.
    torrent_added = 3,
    /// A magnet link's info dictionary arrived.
    metadata_received = 4,
    /// Every wanted file of a torrent is downloaded and verified.
    torrent_finished = 5,
    /// A torrent left the session.
    torrent_removed = 6,
    /// A torrent was paused.
    torrent_paused = 7,
    /// A torrent was resumed.
    torrent_resumed = 8,
    /// A torrent moved from one torrent_state to another.
    state_changed = 9,
    /// A torrent stopped because of an error.
    torrent_error = 10,
    /// A torrent's payload moved to a new save path.
    storage_moved = 11,
    /// One file of a torrent is completely downloaded.
    file_completed = 12,
    /// A tracker announce failed.
    tracker_error = 13,
    /// Torrents whose status changed since the last batch (about once a second).
    torrents_updated = 14,
    /// Session-wide counters (about once a second).
    session_stats = 15,
    /// libtorrent settings or the configuration changed.
    settings_changed = 16,
    /// A plugin was loaded and started.
    plugin_loaded = 17,
    /// A plugin was found but not loaded.
    plugin_refused = 18,
};

/// Common base of every event payload. Each payload below also has `static_type`, the
/// event_type it carries (what subscribe<T> dispatches on), and a constructor that makes it
/// empty; only what a payload adds is documented with it.
struct event {
    /// Which event this is; tells what the payload's dynamic type is.
    event_type type;

  protected:
    /// Only concrete events construct the base.
    explicit event(event_type t) noexcept : type(t) {}
};

/// Fired once after every plugin is started and saved torrents are restored. Source: host.
struct host_started_event final : event {
    static constexpr event_type static_type = event_type::host_started;
    host_started_event() noexcept : event(static_type) {}
};

/// Fired once when shutdown begins, before resume data is saved and plugins stop. Source: host.
struct host_stopping_event final : event {
    static constexpr event_type static_type = event_type::host_stopping;
    host_stopping_event() noexcept : event(static_type) {}
};

/// Fired when a torrent joined the session (new or restored). Source: add_torrent_alert.
struct torrent_added_event final : event {
    static constexpr event_type static_type = event_type::torrent_added;
    torrent_added_event() noexcept : event(static_type) {}
    /// The torrent as it was added.
    torrent_snapshot torrent;
    /// True when it was restored from saved state rather than added by a user or plugin.
    bool restored = false;
};

/// Fired when a magnet link's metadata arrives. Source: metadata_received_alert.
struct metadata_received_event final : event {
    static constexpr event_type static_type = event_type::metadata_received;
    metadata_received_event() noexcept : event(static_type) {}
    /// The torrent, now with name and size.
    torrent_snapshot torrent;
    /// The torrent's files with their current priorities.
    std::vector<file_entry> files;
};

/// Fired when every wanted (non-skipped) file is downloaded and verified. Source: torrent_finished_alert.
/// Not fired for torrents that were already complete when added or restored.
struct torrent_finished_event final : event {
    static constexpr event_type static_type = event_type::torrent_finished;
    torrent_finished_event() noexcept : event(static_type) {}
    /// The finished torrent.
    torrent_snapshot torrent;
};

/// Fired when a torrent left the session. Source: torrent_removed_alert.
struct torrent_removed_event final : event {
    static constexpr event_type static_type = event_type::torrent_removed;
    torrent_removed_event() noexcept : event(static_type) {}
    /// Same format as torrent_snapshot::info_hash.
    std::string info_hash;
    /// Name the torrent had.
    std::string name;
};

/// Fired when a torrent was paused. Source: torrent_paused_alert.
struct torrent_paused_event final : event {
    static constexpr event_type static_type = event_type::torrent_paused;
    torrent_paused_event() noexcept : event(static_type) {}
    /// The paused torrent.
    torrent_snapshot torrent;
};

/// Fired when a torrent was resumed. Source: torrent_resumed_alert.
struct torrent_resumed_event final : event {
    static constexpr event_type static_type = event_type::torrent_resumed;
    torrent_resumed_event() noexcept : event(static_type) {}
    /// The resumed torrent.
    torrent_snapshot torrent;
};

/// Fired when a torrent's torrent_state changed. Source: state_changed_alert.
struct state_changed_event final : event {
    static constexpr event_type static_type = event_type::state_changed;
    state_changed_event() noexcept : event(static_type) {}
    /// The torrent after the change.
    torrent_snapshot torrent;
    /// State before the change.
    torrent_state previous = torrent_state::unknown;
    /// State after the change.
    torrent_state current = torrent_state::unknown;
};

/// Fired when a torrent stopped because of an error. Source: torrent_error_alert, file_error_alert.
struct torrent_error_event final : event {
    static constexpr event_type static_type = event_type::torrent_error;
    torrent_error_event() noexcept : event(static_type) {}
    /// The torrent with the error.
    torrent_snapshot torrent;
    /// Human-readable error.
    std::string message;
    /// File the error concerns, empty when none.
    std::string file;
};

/// Fired when a torrent's payload moved. Source: storage_moved_alert / storage_moved_failed_alert.
struct storage_moved_event final : event {
    static constexpr event_type static_type = event_type::storage_moved;
    storage_moved_event() noexcept : event(static_type) {}
    /// The torrent after the move.
    torrent_snapshot torrent;
    /// Save path before the move.
    std::string old_path;
    /// Save path after the move (equals old_path when the move failed).
    std::string new_path;
    /// Empty on success, else why the move failed.
    std::string error;
};

/// Fired when one file is completely downloaded. Source: file_completed_alert.
struct file_completed_event final : event {
    static constexpr event_type static_type = event_type::file_completed;
    file_completed_event() noexcept : event(static_type) {}
    /// Same format as torrent_snapshot::info_hash.
    std::string info_hash;
    /// The completed file.
    file_entry file;
};

/// Fired when a tracker announce failed. Source: tracker_error_alert.
struct tracker_error_event final : event {
    static constexpr event_type static_type = event_type::tracker_error;
    tracker_error_event() noexcept : event(static_type) {}
    /// Same format as torrent_snapshot::info_hash.
    std::string info_hash;
    /// The tracker's URL.
    std::string url;
    /// What went wrong.
    std::string message;
    /// Consecutive failures of this tracker.
    std::int32_t times_in_row = 0;
};

/// Fired about once a second with the torrents whose status changed. Source: state_update_alert
/// (post_torrent_updates). Not fired when nothing changed.
struct torrents_updated_event final : event {
    static constexpr event_type static_type = event_type::torrents_updated;
    torrents_updated_event() noexcept : event(static_type) {}
    /// Only the torrents that changed.
    std::vector<torrent_snapshot> torrents;
};

/// Fired about once a second with session-wide counters. Source: session_stats_alert.
struct session_stats_event final : event {
    static constexpr event_type static_type = event_type::session_stats;
    session_stats_event() noexcept : event(static_type) {}
    /// Payload download rate over all torrents, bytes per second.
    std::int64_t download_rate = 0;
    /// Payload upload rate over all torrents, bytes per second.
    std::int64_t upload_rate = 0;
    /// Connected peers over all torrents.
    std::int64_t num_peers = 0;
    /// Nodes in the DHT routing table (0 when DHT is off).
    std::int64_t dht_nodes = 0;
    /// Every libtorrent counter by its metric name (e.g. "net.recv_payload_bytes").
    std::map<std::string, std::int64_t> counters;
};

/// Fired after libtorrent settings were patched or the configuration was written. Source: host.
struct settings_changed_event final : event {
    static constexpr event_type static_type = event_type::settings_changed;
    settings_changed_event() noexcept : event(static_type) {}
    /// libtorrent setting names that changed (empty when only the configuration changed).
    std::vector<std::string> settings;
    /// Top-level configuration keys that were written (empty when only settings changed).
    std::vector<std::string> config_keys;
    /// Id of the plugin that made the change, empty for the host.
    std::string changed_by;
};

/// Fired for each loaded plugin, after every plugin is started and before host_started. Source: host.
struct plugin_loaded_event final : event {
    static constexpr event_type static_type = event_type::plugin_loaded;
    plugin_loaded_event() noexcept : event(static_type) {}
    /// Plugin id.
    std::string id;
    /// Plugin version from its manifest.
    std::string version;
};

/// Fired for each refused or disabled plugin: at start-up before host_started, later when one is disabled.
/// Source: host.
struct plugin_refused_event final : event {
    static constexpr event_type static_type = event_type::plugin_refused;
    plugin_refused_event() noexcept : event(static_type) {}
    /// Plugin id.
    std::string id;
    /// One line saying why.
    std::string reason;
};

} // namespace pico::sdk
