// One plugin's view of the host: implements pico::sdk::host on top of the
// application, tagging everything the plugin registers with its id so it can be
// cleaned up if the plugin is disabled.
#pragma once

#include <filesystem>
#include <memory>
#include <picotorrent/sdk/host.hpp>
#include <string>

namespace pico::core {

class application;

/// Host thread only, except log(), post() and post_background().
class plugin_host final : public sdk::host {
  public:
    /// `plugin_dir` is the folder holding the plugin's library and manifest.
    plugin_host(application& app, std::string id, std::filesystem::path plugin_dir);
    ~plugin_host() override;

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
    sdk::status set_front_end(std::shared_ptr<sdk::front_end> fe) override;
    std::vector<sdk::peer_entry> peers(std::string const& info_hash) override;
    std::vector<sdk::tracker_entry> trackers(std::string const& info_hash) override;
    std::vector<std::int64_t> file_progress(std::string const& info_hash) override;
    sdk::session_statistics session_stats() override;
    std::optional<sdk::rate_limits> torrent_limits(std::string const& info_hash) override;
    sdk::status set_torrent_limits(std::string const& info_hash, sdk::rate_limits limits) override;
    sdk::rate_limits global_limits() override;
    sdk::status set_global_limits(sdk::rate_limits limits) override;
    bool move_in_queue(std::string const& info_hash, sdk::queue_move move) override;
    void create_torrent(sdk::create_torrent_request request, sdk::create_progress progress,
                        sdk::create_done done) override;

  private:
    application& m_app;
    std::string m_id;
    std::filesystem::path m_plugin_dir;
    // Work posted by the plugin runs only while this host object (and so the plugin) lives.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace pico::core
