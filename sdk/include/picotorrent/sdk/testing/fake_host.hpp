// A pico::sdk::host for unit-testing plugins without a session: it records what a plugin asks
// of the host, lets the test fire any event and run the add-torrent hooks, keeps a real service
// registry, and plays the host thread. Header-only and C++17, like the rest of the SDK.
//
//   pico::sdk::testing::fake_host host;
//   my_plugin plugin;
//   plugin.start(host);
//   host.fire(pico::sdk::torrent_added_event{});
//   EXPECT_TRUE(host.logged(pico::sdk::log_level::info, "added"));
//
// Threads: the test thread is the host thread. post() queues work that run_posted() (or
// run_until()) runs on it; post_background() runs work on a real thread of its own, which the
// destructor joins. log() and post() may be called from any thread, like the real host's.
// A plugin whose own threads wait on the host thread runs on a testing::host_thread instead
// (<picotorrent/sdk/testing/host_thread.hpp>): the host loop on a thread of its own.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <picotorrent/sdk/host.hpp>
#include <picotorrent/sdk/testing/fake_host_state.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace pico::sdk::testing {

/// The host a plugin sees in a unit test. Public members are the test's knobs and observations.
class fake_host : public host {
  public:
    /// One set_file_priorities call.
    struct priorities_call {
        /// The torrent.
        std::string info_hash;
        /// The priorities asked for.
        std::vector<std::uint8_t> priorities;
    };
    /// One remove_torrent call.
    struct remove_call {
        /// The torrent.
        std::string info_hash;
        /// Whether the data was to go too.
        remove_mode mode;
    };

    /// Joins the background work still running.
    ~fake_host() override
    {
        for (auto& t : m_background)
            t.join();
    }

    // --- knobs ----------------------------------------------------------------------------

    /// The whole configuration, by top-level key: JSON text of each value.
    std::map<std::string, std::string> config_values;
    /// Torrents that torrents() and find_torrent() report, in queue order.
    std::vector<torrent_snapshot> torrent_list;
    /// Files that files() reports, by info hash.
    std::map<std::string, std::vector<file_entry>> torrent_files;
    /// What option_values(name) returns.
    std::map<std::string, std::vector<std::string>> options;
    /// Setting names apply_settings refuses, as the real host refuses unknown names.
    std::vector<std::string> unknown_settings;
    /// What add_torrent returns for a request the hooks accepted; by default ok, with the
    /// request's info_hash.
    std::function<add_torrent_result(add_torrent_request const&)> on_add;
    /// What host_version(), host_mode(), plugin_id() and paths() return.
    std::string version = "0.0.0-test";
    /// How the host was started.
    std::string mode = "run";
    /// The plugin id this host serves (names its config section).
    std::string id = "test";
    /// Directories reported by paths().
    host_paths directories;

    // --- observations ---------------------------------------------------------------------

    /// Every call made to the host, as "name(arguments)", in order, e.g. "pause_torrent(abcd)".
    std::vector<std::string> calls;
    /// Every set_file_priorities call, in order.
    std::vector<priorities_call> priority_calls;
    /// Every remove_torrent call, in order.
    std::vector<remove_call> removed;
    /// Requests that went through the hooks and were added.
    std::vector<add_torrent_request> added;
    /// Every successful apply_settings call, in order.
    std::vector<std::map<std::string, setting_value>> applied;
    /// The settings as they stand after every apply_settings call.
    std::map<std::string, setting_value> settings;
    /// Calls of host-thread-only methods made from another thread; a correct plugin makes none.
    std::atomic<int> wrong_thread_calls{0};

    // --- driving the plugin ---------------------------------------------------------------

    /// Sets this plugin's own section (what config_section() returns) to JSON text.
    void set_section(std::string json) { config_values[id] = std::move(json); }

    /// Delivers an event to the handlers subscribed to its type, as the host thread would.
    void fire(event const& e) { m_registry.fire(e); }

    /// Runs every live add-torrent hook by order; returns the first rejection, if any.
    std::optional<std::string> run_hooks(add_torrent_request& request)
    {
        return m_registry.run_hooks(request);
    }

    /// Runs work posted so far (and work that work posts), on this thread; returns how much ran.
    std::size_t run_posted()
    {
        std::size_t ran = 0;
        while (auto work = take_posted(std::chrono::milliseconds(0))) {
            (*work)();
            ++ran;
        }
        return ran;
    }

    /// Runs posted work until `done()` or `limit` passes; returns done().
    bool run_until(std::function<bool()> const& done,
                   std::chrono::milliseconds limit = std::chrono::seconds(30))
    {
        auto const deadline = std::chrono::steady_clock::now() + limit;
        while (!done()) {
            auto const now = std::chrono::steady_clock::now();
            if (now >= deadline)
                return done();
            auto const wait =
                std::min<std::chrono::steady_clock::duration>(deadline - now, std::chrono::milliseconds(20));
            if (auto work = take_posted(std::chrono::duration_cast<std::chrono::milliseconds>(wait)))
                (*work)();
        }
        return true;
    }

    /// Makes the calling thread the host thread (the one host-thread-only calls are checked
    /// against); testing::host_thread calls it from its own thread.
    void become_host_thread() { m_host_thread = std::this_thread::get_id(); }

    /// Runs posted work for `d`, to see that something does not happen.
    void run_for(std::chrono::milliseconds d)
    {
        auto const deadline = std::chrono::steady_clock::now() + d;
        run_until([deadline] { return std::chrono::steady_clock::now() >= deadline; },
                  d + std::chrono::seconds(1));
    }

    /// Every line logged so far.
    std::vector<log_line> logs() const { return m_log.lines(); }
    /// True when some line at `level` contains `text`.
    bool logged(log_level level, std::string const& text) const { return m_log.count(text, &level) > 0; }
    /// Lines containing `text`, of `level` only when given.
    std::vector<std::string> lines_with(std::string const& text, std::optional<log_level> level = {}) const
    {
        return m_log.matching(text, level ? &*level : nullptr);
    }
    /// All lines as text, for failure messages.
    std::string dump() const { return m_log.dump(); }

    /// True when some recorded call starts with `prefix` (e.g. "remove_torrent(abcd").
    bool called(std::string const& prefix) const
    {
        return std::any_of(calls.begin(), calls.end(),
                           [&](auto const& c) { return c.rfind(prefix, 0) == 0; });
    }
    /// Live hooks, subscriptions and services, to check that stop() releases them all.
    std::size_t registrations() const { return m_registry.size(); }

    // --- pico::sdk::host ------------------------------------------------------------------

    add_torrent_result add_torrent(add_torrent_request request) override
    {
        record("add_torrent(" + request.location + ")");
        if (auto reason = run_hooks(request))
            return {false, request.info_hash, false, *reason};
        added.push_back(request);
        return on_add ? on_add(request) : add_torrent_result{true, request.info_hash, false, {}};
    }
    bool remove_torrent(std::string const& info_hash, remove_mode m) override
    {
        record("remove_torrent(" + info_hash +
               (m == remove_mode::delete_data ? ", delete_data)" : ", keep_data)"));
        removed.push_back({info_hash, m});
        return knows(info_hash);
    }
    bool pause_torrent(std::string const& info_hash) override
    {
        return record_on(info_hash, "pause_torrent");
    }
    bool resume_torrent(std::string const& info_hash) override
    {
        return record_on(info_hash, "resume_torrent");
    }
    bool force_recheck(std::string const& info_hash) override
    {
        return record_on(info_hash, "force_recheck");
    }
    bool move_storage(std::string const& info_hash, std::string const& path) override
    {
        record("move_storage(" + info_hash + ", " + path + ")");
        return knows(info_hash);
    }
    std::vector<torrent_snapshot> torrents() override
    {
        check_thread();
        return torrent_list;
    }
    std::optional<torrent_snapshot> find_torrent(std::string const& info_hash) override
    {
        check_thread();
        for (auto const& t : torrent_list) {
            if (t.info_hash == info_hash)
                return t;
        }
        return std::nullopt;
    }
    std::vector<file_entry> files(std::string const& info_hash) override
    {
        check_thread();
        auto it = torrent_files.find(info_hash);
        return it == torrent_files.end() ? std::vector<file_entry>{} : it->second;
    }
    bool set_file_priorities(std::string const& info_hash, std::vector<std::uint8_t> const& p) override
    {
        std::string text;
        for (auto v : p) {
            // Appends: GCC 12 at -O3 reports `"," + std::string&&` as a false -Wrestrict.
            if (!text.empty())
                text += ',';
            text += std::to_string(v);
        }
        record("set_file_priorities(" + info_hash + ", [" + text + "])");
        priority_calls.push_back({info_hash, p});
        return true;
    }

    subscription add_hook(add_torrent_hook hook, std::int32_t order) override
    {
        check_thread();
        return m_registry.add_hook(std::move(hook), order);
    }
    subscription subscribe(event_type type, std::function<void(event const&)> handler) override
    {
        check_thread();
        return m_registry.subscribe(type, std::move(handler));
    }

    status apply_settings(std::map<std::string, setting_value> const& s) override
    {
        record("apply_settings");
        for (auto const& entry : s) {
            if (std::find(unknown_settings.begin(), unknown_settings.end(), entry.first) !=
                unknown_settings.end())
                return status::failure("unknown libtorrent setting '" + entry.first + "'");
        }
        applied.push_back(s);
        for (auto const& entry : s)
            settings[entry.first] = entry.second;
        return status::success();
    }
    std::optional<setting_value> setting(std::string const& name) override
    {
        check_thread();
        auto it = settings.find(name);
        return it == settings.end() ? std::nullopt : std::optional<setting_value>(it->second);
    }
    std::string config_section() override
    {
        check_thread();
        auto it = config_values.find(id);
        return it == config_values.end() ? "null" : it->second;
    }
    status set_config_section(std::string const& json) override { return set_config_value(id, json); }
    std::string config() override
    {
        check_thread();
        return config_object_text(config_values);
    }
    status set_config_value(std::string const& key, std::string const& json) override
    {
        record("set_config_value(" + key + ", " + json + ")");
        config_values[key] = json;
        return status::success();
    }

    void log(log_level level, std::string_view message) override { m_log.add(level, message); }
    void post(std::function<void()> work) override
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_posted.push_back(std::move(work));
        m_posted_changed.notify_all();
    }
    void post_background(std::function<void()> work) override
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_background.emplace_back(std::move(work));
    }

    subscription publish_service(std::string const& name, std::uint32_t v,
                                 std::shared_ptr<void> object) override
    {
        check_thread();
        return m_registry.publish(service_handle{name, v, id, std::move(object)});
    }
    std::optional<service_handle> find_service(std::string const& name, std::uint32_t min_version) override
    {
        check_thread();
        return m_registry.find(name, min_version);
    }

    std::string host_version() override { return version; }
    std::uint32_t sdk_version() override { return PICO_SDK_VERSION; }
    host_paths paths() override { return directories; }
    std::string plugin_id() override { return id; }
    std::string host_mode() override { return mode; }
    std::vector<std::string> option_values(std::string const& name) override
    {
        auto it = options.find(name);
        return it == options.end() ? std::vector<std::string>{} : it->second;
    }

  private:
    void check_thread()
    {
        if (std::this_thread::get_id() != m_host_thread.load())
            ++wrong_thread_calls;
    }
    void record(std::string call)
    {
        check_thread();
        calls.push_back(std::move(call));
    }
    bool record_on(std::string const& info_hash, char const* name)
    {
        record(std::string(name) + "(" + info_hash + ")");
        return knows(info_hash);
    }
    bool knows(std::string const& info_hash) const
    {
        return std::any_of(torrent_list.begin(), torrent_list.end(),
                           [&](auto const& t) { return t.info_hash == info_hash; });
    }
    std::optional<std::function<void()>> take_posted(std::chrono::milliseconds wait)
    {
        std::unique_lock<std::mutex> lock(m_mutex);
        m_posted_changed.wait_for(lock, wait, [this] { return !m_posted.empty(); });
        if (m_posted.empty())
            return std::nullopt;
        auto work = std::move(m_posted.front());
        m_posted.pop_front();
        return work;
    }

    std::atomic<std::thread::id> m_host_thread{std::this_thread::get_id()};
    detail::registrations m_registry;
    detail::log_record m_log;
    std::mutex m_mutex;
    std::condition_variable m_posted_changed;
    std::deque<std::function<void()>> m_posted;
    std::vector<std::thread> m_background;
};

} // namespace pico::sdk::testing
