// What the host offers a plugin. Each plugin gets its own host object, which knows
// the plugin's id (for its config section and log prefix). Every method must be called
// on the host thread unless it says otherwise.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <picotorrent/sdk/add_torrent.hpp>
#include <picotorrent/sdk/create_torrent.hpp>
#include <picotorrent/sdk/events.hpp>
#include <picotorrent/sdk/front_end.hpp>
#include <picotorrent/sdk/session_info.hpp>
#include <picotorrent/sdk/subscription.hpp>
#include <picotorrent/sdk/torrent.hpp>
#include <picotorrent/sdk/version.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace pico::sdk {

/// How to remove a torrent.
enum class remove_mode : std::int32_t {
    /// Leave the downloaded files on disk.
    keep_data = 0,
    /// Delete the downloaded files too.
    delete_data = 1,
};

/// Severity of a log line.
enum class log_level : std::int32_t {
    /// Diagnostics for developers.
    debug = 0,
    /// Normal operation.
    info = 1,
    /// Something unexpected the host recovered from.
    warning = 2,
    /// An operation failed.
    error = 3,
};

/// A libtorrent setting's value: bool, integer or string, by the setting's own type.
using setting_value = std::variant<bool, std::int64_t, std::string>;

/// Result of an operation that may fail with a one-line message.
struct [[nodiscard]] status {
    /// True on success.
    bool ok = true;
    /// One line saying what went wrong; empty on success.
    std::string error;

    /// A success.
    static status success() { return {}; }
    /// A failure with a message.
    static status failure(std::string message) { return {false, std::move(message)}; }
};

/// Directories and files the host uses.
struct host_paths {
    /// The configuration file in effect.
    std::string config_file;
    /// Where resume data, session state and the log live.
    std::string state_dir;
    /// Default directory for downloads.
    std::string default_save_path;
    /// Folder that holds this plugin's library and manifest.
    std::string plugin_dir;
};

/// A service published by a plugin: a named, versioned, shared object.
struct service_handle {
    /// Name the service was published under.
    std::string name;
    /// Version of the service's interface (the provider's contract, not the plugin's version).
    std::uint32_t version = 0;
    /// Id of the plugin that published it.
    std::string provider;
    /// The object; its type is declared by the provider in a public header.
    std::shared_ptr<void> object;
};

/// An add-torrent hook: may change the request, or reject it.
using add_torrent_hook = std::function<hook_decision(add_torrent_request&)>;

/// The host as one plugin sees it.
class host {
  public:
    /// Hosts are owned by the application; plugins only borrow them.
    virtual ~host() = default;

    // --- torrents -------------------------------------------------------------------------

    /// Runs the add-torrent hooks, then adds the torrent. torrent_added fires when it is in.
    virtual add_torrent_result add_torrent(add_torrent_request request) = 0;
    /// Removes a torrent; false if no torrent has this info hash.
    virtual bool remove_torrent(std::string const& info_hash, remove_mode mode) = 0;
    /// Pauses a torrent (and takes it out of the queue); false if unknown.
    virtual bool pause_torrent(std::string const& info_hash) = 0;
    /// Resumes a torrent (and puts it back under the queue); false if unknown.
    virtual bool resume_torrent(std::string const& info_hash) = 0;
    /// Re-verifies a torrent's data on disk; false if unknown.
    virtual bool force_recheck(std::string const& info_hash) = 0;
    /// Moves a torrent's payload to a new directory; storage_moved fires when done; false if unknown.
    virtual bool move_storage(std::string const& info_hash, std::string const& new_save_path) = 0;
    /// Snapshots of every torrent in the session, in queue order.
    virtual std::vector<torrent_snapshot> torrents() = 0;
    /// Snapshot of one torrent, if the session has it.
    virtual std::optional<torrent_snapshot> find_torrent(std::string const& info_hash) = 0;
    /// Files of a torrent with their priorities; empty when unknown or metadata is missing.
    virtual std::vector<file_entry> files(std::string const& info_hash) = 0;
    /// Sets per-file priorities by file index; false if unknown or metadata is missing.
    virtual bool set_file_priorities(std::string const& info_hash,
                                     std::vector<std::uint8_t> const& priorities) = 0;

    /// Registers a hook run before every add; lower `order` runs first, equal orders run by registration.
    virtual subscription add_hook(add_torrent_hook hook, std::int32_t order) = 0;

    // --- events ---------------------------------------------------------------------------

    /// Subscribes to one event type; prefer the typed pico::sdk::subscribe helper below.
    virtual subscription subscribe(event_type type, std::function<void(event const&)> handler) = 0;

    // --- settings and configuration --------------------------------------------------------

    /// Changes libtorrent settings by name (e.g. "proxy_type"); all or nothing: an unknown
    /// name or wrongly typed value changes nothing and names the key in the error.
    virtual status apply_settings(std::map<std::string, setting_value> const& settings) = 0;
    /// Current value of a libtorrent setting by name, if the name exists.
    virtual std::optional<setting_value> setting(std::string const& name) = 0;
    /// This plugin's configuration section (top-level key = plugin id) as JSON text; "null" if absent.
    virtual std::string config_section() = 0;
    /// Replaces this plugin's section with JSON text and saves the file atomically.
    virtual status set_config_section(std::string const& json) = 0;
    /// The whole effective configuration as JSON text (comments removed).
    virtual std::string config() = 0;
    /// Sets one configuration key to JSON text (null removes it) and saves atomically: a top-level
    /// key ("ignored_update") or, from SDK 1.1, a dotted path into a section
    /// ("session.download_rate_limit"); a session.* change also applies to the running session.
    virtual status set_config_value(std::string const& key, std::string const& json) = 0;

    // --- threads ------------------------------------------------------------------------

    /// Logs one line, prefixed with the plugin id. Any thread.
    virtual void log(log_level level, std::string_view message) = 0;
    /// Runs `work` on the host thread later, after the current callback. Any thread.
    virtual void post(std::function<void()> work) = 0;
    /// Runs `work` on a background thread; it must not call the host except post() and log().
    /// Any thread. Work still queued at shutdown is dropped; running work is waited for.
    virtual void post_background(std::function<void()> work) = 0;

    // --- services -----------------------------------------------------------------------

    /// Publishes a service under a name; the subscription withdraws it. Fails if the name is taken.
    virtual subscription publish_service(std::string const& name, std::uint32_t version,
                                         std::shared_ptr<void> object) = 0;
    /// Finds a service with at least `min_version`, if any plugin published it.
    virtual std::optional<service_handle> find_service(std::string const& name,
                                                       std::uint32_t min_version) = 0;

    // --- about the host -------------------------------------------------------------------

    /// The host's version, e.g. "0.1.0".
    virtual std::string host_version() = 0;
    /// The SDK version the host was built with (PICO_SDK_VERSION format).
    virtual std::uint32_t sdk_version() = 0;
    /// Directories the host uses.
    virtual host_paths paths() = 0;
    /// This plugin's id.
    virtual std::string plugin_id() = 0;
    /// How the host was started: "run", "download", "seed" or "gui".
    virtual std::string host_mode() = 0;
    /// Values of a plugin-facing command-line option for this run, in the order given
    /// (e.g. "include" for each `--include PATTERN`); empty when not given.
    virtual std::vector<std::string> option_values(std::string const& name) = 0;

    // --- SDK 1.1 additions (appended; each has a default body) ------------------------------

    /// Makes this plugin the front-end that owns the main thread (host_mode() "gui" only; one
    /// per host). Call from start(); the host calls fe->run() on the main thread once every
    /// plugin is started and the session runs.
    virtual status set_front_end(std::shared_ptr<front_end> fe)
    {
        (void)fe;
        return status::failure("not supported by this host");
    }

    // --- SDK 1.1: details and control (defaults keep older hosts and test doubles compiling) --

    /// Connected peers of a torrent; empty when unknown or none.
    virtual std::vector<peer_entry> peers(std::string const& /*info_hash*/) { return {}; }
    /// Trackers of a torrent in tier order; empty when unknown or none.
    virtual std::vector<tracker_entry> trackers(std::string const& /*info_hash*/) { return {}; }
    /// Session-wide rates, totals, listen endpoints, free space and torrent counts.
    virtual session_statistics session_stats() { return {}; }
    /// A torrent's own rate limits; nullopt when unknown.
    virtual std::optional<rate_limits> torrent_limits(std::string const& /*info_hash*/)
    {
        return std::nullopt;
    }
    /// Sets a torrent's own rate limits (0 = unlimited); fails when unknown or a limit is negative.
    virtual status set_torrent_limits(std::string const& /*info_hash*/, rate_limits /*limits*/)
    {
        return status::failure("not supported by this host");
    }
    /// The session-wide rate limits in force (0 = unlimited).
    virtual rate_limits global_limits() { return {}; }
    /// Sets the session-wide rate limits for this run (0 = unlimited; the config file is not changed).
    virtual status set_global_limits(rate_limits /*limits*/)
    {
        return status::failure("not supported by this host");
    }
    /// Moves a torrent in the queue (only queued, auto-managed torrents have a place); false if unknown.
    virtual bool move_in_queue(std::string const& /*info_hash*/, queue_move /*move*/) { return false; }
    /// Downloaded bytes of each file, in files() order (whole pieces verified so far); empty when unknown.
    /// SDK 1.2.
    virtual std::vector<std::int64_t> file_progress(std::string const& /*info_hash*/) { return {}; }
    /// Builds a .torrent as `picotorrent create` does, hashing on the background pool: `progress`
    /// runs there (false stops it), `done` runs once on the host thread. A host without it calls
    /// `done` at once with the error "not supported by this host". SDK 1.2.
    virtual void create_torrent(create_torrent_request /*request*/, create_progress /*progress*/,
                                create_done done)
    {
        create_torrent_result result;
        result.error = "not supported by this host";
        if (done)
            done(result);
    }
};

/// Subscribes to event type E with a handler taking E directly.
template <class E, class F> [[nodiscard]] subscription subscribe(host& h, F handler)
{
    static_assert(std::is_base_of_v<event, E>, "E must be an event payload type");
    return h.subscribe(E::static_type,
                       [handler = std::move(handler)](event const& e) { handler(static_cast<E const&>(e)); });
}

/// Publishes `object` as the service interface `Service`, which names itself with the static
/// members `service_name` (char const*) and `service_version` (std::uint32_t). The object is
/// converted to `Service` first, so `Impl` may derive from several bases in any order.
template <class Service, class Impl>
[[nodiscard]] subscription publish_service(host& h, std::shared_ptr<Impl> object)
{
    static_assert(std::is_base_of_v<Service, Impl>, "the object must implement the service interface");
    std::shared_ptr<Service> typed = std::move(object);
    return h.publish_service(Service::service_name, Service::service_version,
                             std::static_pointer_cast<void>(std::move(typed)));
}

/// Finds the service interface `Service` (by its own name, at least its own version), if published.
template <class Service> std::shared_ptr<Service> find_service(host& h)
{
    auto found = h.find_service(Service::service_name, Service::service_version);
    return found ? std::static_pointer_cast<Service>(found->object) : nullptr;
}

/// Publishes an object under a name written by hand. Prefer publish_service<Service>(host, object):
/// here nothing ties the name to the type, and the object is published as T, not as an interface.
template <class T>
[[deprecated(
    "use publish_service<Service>(host, object); the interface names itself")]] [[nodiscard]] subscription
publish_service(host& h, std::string const& name, std::uint32_t version, std::shared_ptr<T> object)
{
    return h.publish_service(name, version, std::static_pointer_cast<void>(std::move(object)));
}

/// Finds a service by a name written by hand. Prefer find_service<Service>(host): here a wrong T
/// compiles and is undefined behaviour.
template <class T>
[[deprecated("use find_service<Service>(host); the interface names itself")]] std::shared_ptr<T>
find_service(host& h, std::string const& name, std::uint32_t min_version)
{
    auto found = h.find_service(name, min_version);
    return found ? std::static_pointer_cast<T>(found->object) : nullptr;
}

} // namespace pico::sdk
