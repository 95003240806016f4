// A pico::sdk::host double for the updater's integration tests: the test thread plays the host
// thread (post() queues onto an io_context the test runs), the configuration is an in-memory
// JSON document, and log lines and config writes are recorded.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <picotorrent/sdk/host.hpp>
#include <picotorrent/sdk/plugin.hpp>
#include <string>
#include <thread>
#include <vector>

namespace pico::updater::test {

/// One recorded log line.
struct log_line {
    sdk::log_level level;
    std::string message;
};

/// The host as the updater plugin sees it in the tests.
class test_host final : public sdk::host {
  public:
    /// A host of `version` started in `mode`, with `config` as its configuration.
    explicit test_host(nlohmann::json config, std::string version = "0.1.0", std::string mode = "run");
    ~test_host() override;

    /// Runs posted work on this thread until `done()` is true or `limit` passed; returns done().
    bool run_until(std::function<bool()> const& done,
                   std::chrono::milliseconds limit = std::chrono::seconds(30));
    /// Runs posted work for `d` (to see that something does not happen).
    void run_for(std::chrono::milliseconds d);

    /// Every line logged so far.
    std::vector<log_line> lines() const;
    /// Lines that contain `text`, optionally of one level only.
    std::vector<std::string> lines_with(std::string const& text) const;
    /// Lines of `level` that contain `text`.
    std::vector<std::string> lines_with(std::string const& text, sdk::log_level level) const;
    /// All lines as text, for failure messages.
    std::string dump() const;
    /// The configuration as it is now (including writes by the plugin).
    nlohmann::json const& config_json() const { return m_config; }
    /// Calls of host-thread-only methods made from another thread; the tests expect zero.
    int wrong_thread_calls() const { return m_wrong_thread_calls; }

    // sdk::host
    sdk::add_torrent_result add_torrent(sdk::add_torrent_request) override;
    bool remove_torrent(std::string const&, sdk::remove_mode) override { return false; }
    bool pause_torrent(std::string const&) override { return false; }
    bool resume_torrent(std::string const&) override { return false; }
    bool force_recheck(std::string const&) override { return false; }
    bool move_storage(std::string const&, std::string const&) override { return false; }
    std::vector<sdk::torrent_snapshot> torrents() override { return {}; }
    std::optional<sdk::torrent_snapshot> find_torrent(std::string const&) override { return std::nullopt; }
    std::vector<sdk::file_entry> files(std::string const&) override { return {}; }
    bool set_file_priorities(std::string const&, std::vector<std::uint8_t> const&) override { return false; }
    sdk::subscription add_hook(sdk::add_torrent_hook, std::int32_t) override { return {}; }
    sdk::subscription subscribe(sdk::event_type, std::function<void(sdk::event const&)>) override
    {
        return {};
    }
    sdk::status apply_settings(std::map<std::string, sdk::setting_value> const&) override;
    std::optional<sdk::setting_value> setting(std::string const&) override { return std::nullopt; }
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
    std::uint32_t sdk_version() override { return PICO_SDK_VERSION; }
    sdk::host_paths paths() override { return {}; }
    std::string plugin_id() override { return "updater"; }
    std::string host_mode() override;
    std::vector<std::string> option_values(std::string const&) override { return {}; }

  private:
    void check_host_thread();

    nlohmann::json m_config;
    std::string m_version;
    std::string m_mode;
    std::thread::id m_host_thread = std::this_thread::get_id();
    int m_wrong_thread_calls = 0;
    boost::asio::io_context m_io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> m_keep_running;
    mutable std::mutex m_mutex;
    std::vector<log_line> m_lines;
    std::map<std::string, sdk::service_handle> m_services;
    std::vector<std::thread> m_background;
};

/// The built updater plugin, loaded with dlopen as the host would, one instance at a time.
class loaded_plugin {
  public:
    /// Loads the module (once per process) and creates an instance.
    loaded_plugin();
    /// Stops (if started and not stopped) and destroys the instance.
    ~loaded_plugin();
    loaded_plugin(loaded_plugin const&) = delete;
    loaded_plugin& operator=(loaded_plugin const&) = delete;

    /// Calls plugin::start on the test thread.
    void start(sdk::host& h);
    /// Calls plugin::stop on the test thread.
    void stop();

  private:
    sdk::plugin_descriptor const* m_descriptor = nullptr;
    sdk::plugin* m_plugin = nullptr;
    bool m_running = false;
};

} // namespace pico::updater::test
