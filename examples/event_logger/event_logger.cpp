// event_logger: writes one log line for every SDK event.
//
// The smallest complete plugin: subscribe to each event type with
// pico::sdk::subscribe<E>(host, handler) and keep the returned subscriptions in a
// member, because a subscription unsubscribes when it is destroyed.
#include <picotorrent/sdk/sdk.hpp>
#include <string>
#include <vector>

namespace sdk = pico::sdk;

namespace {

std::string describe(sdk::torrent_snapshot const& t)
{
    return t.info_hash + " \"" + t.name + "\"";
}

std::string join(std::vector<std::string> const& items)
{
    std::string out;
    for (auto const& item : items)
        out += (out.empty() ? "" : ",") + item;
    return out;
}

class event_logger final : public sdk::plugin {
  public:
    void start(sdk::host& h) override
    {
        m_host = &h;
        on<sdk::host_started_event>("host_started", [](auto const&) { return ""; });
        on<sdk::host_stopping_event>("host_stopping", [](auto const&) { return ""; });
        on<sdk::torrent_added_event>("torrent_added", [](auto const& e) {
            return describe(e.torrent) + (e.restored ? " (restored)" : "");
        });
        on<sdk::metadata_received_event>("metadata_received", [](auto const& e) {
            return describe(e.torrent) + " files=" + std::to_string(e.files.size());
        });
        on<sdk::torrent_finished_event>("torrent_finished",
                                        [](auto const& e) { return describe(e.torrent); });
        on<sdk::torrent_removed_event>("torrent_removed",
                                       [](auto const& e) { return e.info_hash + " \"" + e.name + "\""; });
        on<sdk::torrent_paused_event>("torrent_paused", [](auto const& e) { return describe(e.torrent); });
        on<sdk::torrent_resumed_event>("torrent_resumed", [](auto const& e) { return describe(e.torrent); });
        // torrent_state values are printed as numbers (see torrent.hpp).
        on<sdk::state_changed_event>("state_changed", [](auto const& e) {
            return describe(e.torrent) + " " + std::to_string(static_cast<int>(e.previous)) + " -> " +
                   std::to_string(static_cast<int>(e.current));
        });
        on<sdk::torrent_error_event>("torrent_error", [](auto const& e) {
            return describe(e.torrent) + " " + e.message + (e.file.empty() ? "" : " (" + e.file + ")");
        });
        on<sdk::storage_moved_event>("storage_moved", [](auto const& e) {
            return describe(e.torrent) + " " + e.old_path + " -> " + e.new_path +
                   (e.error.empty() ? "" : ": " + e.error);
        });
        on<sdk::file_completed_event>("file_completed",
                                      [](auto const& e) { return e.info_hash + " " + e.file.path; });
        on<sdk::tracker_error_event>("tracker_error", [](auto const& e) {
            return e.info_hash + " " + e.url + ": " + e.message + " (" + std::to_string(e.times_in_row) +
                   " in a row)";
        });
        on<sdk::torrents_updated_event>(
            "torrents_updated", [](auto const& e) { return std::to_string(e.torrents.size()) + " changed"; });
        on<sdk::session_stats_event>("session_stats", [](auto const& e) {
            return "down=" + std::to_string(e.download_rate) + " up=" + std::to_string(e.upload_rate) +
                   " peers=" + std::to_string(e.num_peers);
        });
        on<sdk::settings_changed_event>("settings_changed", [](auto const& e) {
            return "settings=[" + join(e.settings) + "] config=[" + join(e.config_keys) +
                   "] by=" + e.changed_by;
        });
        on<sdk::plugin_loaded_event>("plugin_loaded", [](auto const& e) { return e.id + " " + e.version; });
        on<sdk::plugin_refused_event>("plugin_refused", [](auto const& e) { return e.id + ": " + e.reason; });
    }

    void stop() override { m_subscriptions.clear(); }

  private:
    // Subscribes to E; each time it fires, logs "<name> <details(e)>".
    template <class E, class F> void on(char const* name, F details)
    {
        m_subscriptions.push_back(sdk::subscribe<E>(*m_host, [this, name, details](E const& e) {
            std::string const text = details(e);
            m_host->log(sdk::log_level::info, text.empty() ? std::string(name) : name + (" " + text));
        }));
    }

    sdk::host* m_host = nullptr;
    std::vector<sdk::subscription> m_subscriptions;
};

} // namespace

// The id comes from pico_add_plugin() (PICO_PLUGIN_ID): it is written once, in CMakeLists.txt.
PICO_DECLARE_PLUGIN_TYPE(event_logger)
