// A pico::sdk::host double for the WebSocket plugin's tests and benchmark: a real host
// thread (an io_context on its own thread), an in-memory torrent list and config section,
// and helpers to fire SDK events the way the real host does.
#pragma once

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <condition_variable>
#include <future>
#include <map>
#include <mutex>
#include <picotorrent/sdk/host.hpp>
#include <string>
#include <thread>
#include <vector>

namespace pico::websocket::testing {

/// Makes a torrent snapshot with every reference field set to a distinct value.
sdk::torrent_snapshot make_snapshot(std::string info_hash, std::string name);

/// The host double. Host-thread methods check that they are called on the host thread and
/// count violations (off_thread_calls), so tests also prove the plugin's threading rule.
class test_host final : public sdk::host {
  public:
    /// `section` is the plugin's config section as JSON text.
    explicit test_host(std::string section);
    ~test_host() override;
    test_host(test_host const&) = delete;
    test_host& operator=(test_host const&) = delete;

    /// Runs `f` on the host thread and returns its result (rethrows its exception).
    template <class F> auto call(F f) -> decltype(f())
    {
        std::packaged_task<decltype(f())()> task(std::move(f));
        auto result = task.get_future();
        boost::asio::post(m_io, [&task] { task(); });
        return result.get();
    }

    /// Delivers an event to the subscribers of its type, on the host thread; waits.
    void fire(sdk::event const& e);
    /// Replaces the session's torrents (host thread or not; waits).
    void set_torrents(std::vector<sdk::torrent_snapshot> torrents);

    /// The config section as last stored by set_config_section (or as constructed).
    std::string section() const;
    /// How many times set_config_section was called.
    int section_writes() const;
    /// Every log line so far.
    std::vector<std::string> log_lines() const;
    /// Waits until a log line contains `needle`.
    bool wait_for_log(std::string const& needle, std::chrono::milliseconds timeout) const;
    /// Host-thread-only methods called from another thread.
    int off_thread_calls() const { return m_off_thread.load(); }
    /// The remove mode of the last remove_torrent call.
    sdk::remove_mode last_remove_mode() const { return m_last_remove_mode; }
    /// The last add request.
    sdk::add_torrent_request last_add() const { return m_last_add; }
    /// Echo log lines to stderr (also on when PICO_WEBSOCKET_TEST_VERBOSE is set).
    void set_verbose(bool v) { m_verbose = v; }

    // sdk::host
    sdk::add_torrent_result add_torrent(sdk::add_torrent_request request) override;
    bool remove_torrent(std::string const& info_hash, sdk::remove_mode mode) override;
    bool pause_torrent(std::string const& info_hash) override;
    bool resume_torrent(std::string const& info_hash) override;
    bool force_recheck(std::string const& info_hash) override;
    bool move_storage(std::string const& info_hash, std::string const& new_save_path) override;
    std::vector<sdk::torrent_snapshot> torrents() override;
    std::optional<sdk::torrent_snapshot> find_torrent(std::string const& info_hash) override;
    std::vector<sdk::file_entry> files(std::string const& info_hash) override;
    bool set_file_priorities(std::string const& info_hash,
                             std::vector<std::uint8_t> const& priorities) override;
    sdk::subscription add_hook(sdk::add_torrent_hook hook, std::int32_t order) override;
    sdk::subscription subscribe(sdk::event_type type,
                                std::function<void(sdk::event const&)> handler) override;
    sdk::status apply_settings(std::map<std::string, sdk::setting_value> const& settings) override;
    std::optional<sdk::setting_value> setting(std::string const& name) override;
    std::string config_section() override;
    sdk::status set_config_section(std::string const& json) override;
    std::string config() override;
    sdk::status set_config_value(std::string const& key, std::string const& json) override;
    void log(sdk::log_level level, std::string_view message) override;
    void post(std::function<void()> work) override;
    void post_background(std::function<void()> work) override;
    sdk::subscription publish_service(std::string const& name, std::uint32_t version,
                                      std::shared_ptr<void> object) override;
    std::optional<sdk::service_handle> find_service(std::string const& name,
                                                    std::uint32_t min_version) override;
    std::string host_version() override;
    std::uint32_t sdk_version() override;
    sdk::host_paths paths() override;
    std::string plugin_id() override;
    std::string host_mode() override;
    std::vector<std::string> option_values(std::string const& name) override;

  private:
    void check_thread();
    void emit(sdk::event const& e);
    std::vector<sdk::torrent_snapshot>::iterator find(std::string const& info_hash);

    boost::asio::io_context m_io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> m_guard;
    std::thread m_thread;
    std::atomic<int> m_off_thread{0};
    bool m_verbose = false;

    // Host thread only.
    std::vector<sdk::torrent_snapshot> m_torrents;
    std::map<sdk::event_type, std::map<std::uint64_t, std::function<void(sdk::event const&)>>> m_handlers;
    std::uint64_t m_next_handler = 0;
    sdk::remove_mode m_last_remove_mode = sdk::remove_mode::keep_data;
    sdk::add_torrent_request m_last_add;

    mutable std::mutex m_mutex;
    mutable std::condition_variable m_log_cv;
    std::string m_section;
    int m_section_writes = 0;
    std::vector<std::string> m_log;
};

} // namespace pico::websocket::testing
