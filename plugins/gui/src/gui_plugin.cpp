// The gui plugin: a front-end (docs/threading.md) started before restore, so its window shows
// while 10,000 saved torrents are still being added. start() runs on the host thread and only
// subscribes and registers; the Qt side lives in qt_front_end::run on the main thread.
#include "main_window.hpp"
#include "qt_front_end.hpp"

#include <picotorrent/sdk/sdk.hpp>

namespace pico::gui {
namespace {

class gui_plugin final : public sdk::plugin {
  public:
    void start(sdk::host& h) override
    {
        m_front_end = std::make_shared<qt_front_end>(h);
        // The window may open before restore (front_end_before_restore): what it shows first
        // is known now. The services follow at host_started.
        m_front_end->set_start_data(h.paths().state_dir, h.paths().default_save_path, h.config());
        auto& out = m_front_end->outbox();
        // Each handler copies the payload and queues it for the window: never blocks the host.
        auto on_snapshot = [&out](sdk::torrent_snapshot const& t) {
            out.call([t](main_window* w) { w->on_changed(t); });
        };
        m_subs.push_back(
            sdk::subscribe<sdk::torrent_added_event>(h, [&out](auto const& e) { out.added(e.torrent); }));
        m_subs.push_back(sdk::subscribe<sdk::torrent_removed_event>(
            h, [&out](auto const& e) { out.call([x = e.info_hash](main_window* w) { w->on_removed(x); }); }));
        m_subs.push_back(sdk::subscribe<sdk::torrents_updated_event>(h, [&out](auto const& e) {
            out.call([ts = e.torrents](main_window* w) { w->on_updated(ts); });
        }));
        m_subs.push_back(sdk::subscribe<sdk::session_stats_event>(h, [&out](auto const& e) {
            out.call([d = e.download_rate, u = e.upload_rate, p = e.num_peers](main_window* w) {
                w->on_stats(d, u, p);
            });
        }));
        m_subs.push_back(sdk::subscribe<sdk::metadata_received_event>(h, [&out](auto const& e) {
            out.call([t = e.torrent, f = e.files](main_window* w) { w->on_metadata(t, f); });
        }));
        m_subs.push_back(sdk::subscribe<sdk::torrent_paused_event>(
            h, [on_snapshot](auto const& e) { on_snapshot(e.torrent); }));
        m_subs.push_back(sdk::subscribe<sdk::torrent_resumed_event>(
            h, [on_snapshot](auto const& e) { on_snapshot(e.torrent); }));
        m_subs.push_back(sdk::subscribe<sdk::state_changed_event>(
            h, [on_snapshot](auto const& e) { on_snapshot(e.torrent); }));
        m_subs.push_back(sdk::subscribe<sdk::torrent_finished_event>(
            h, [on_snapshot](auto const& e) { on_snapshot(e.torrent); }));
        m_subs.push_back(sdk::subscribe<sdk::torrent_error_event>(
            h, [on_snapshot](auto const& e) { on_snapshot(e.torrent); }));
        // The window keeps the whole configuration, so Preferences opens without asking the host.
        m_subs.push_back(sdk::subscribe<sdk::settings_changed_event>(h, [&out, &h](auto const&) {
            out.call([config = h.config()](main_window* w) { w->on_config_changed(config); });
        }));
        // Both fire before host_started, while the window does not exist yet: kept in the roster.
        m_subs.push_back(sdk::subscribe<sdk::plugin_loaded_event>(
            h, [this](auto const& e) { m_front_end->roster().loaded(e.id, e.version); }));
        m_subs.push_back(sdk::subscribe<sdk::plugin_refused_event>(
            h, [this](auto const& e) { m_front_end->roster().refused(e.id, e.reason); }));
        // Services are published in start(): every plugin has started by host_started.
        m_subs.push_back(sdk::subscribe<sdk::host_started_event>(h, [this, &h](auto const&) {
            auto updater = sdk::find_service<updater::updater_service>(h);
            if (updater) {
                m_update_sub = updater->subscribe([this](updater::update_info const& info) {
                    m_front_end->bridge().to<main_window>(
                        [info](main_window* w) { w->on_update_available(info); });
                });
            }
            m_front_end->set_services(sdk::find_service<file_filters::file_filters_service>(h),
                                      std::move(updater));
        }));
        if (auto const st = h.set_front_end(m_front_end); !st.ok)
            throw std::runtime_error(st.error);
    }

    void stop() override
    {
        m_update_sub.reset();
        m_subs.clear();
    }

  private:
    std::shared_ptr<qt_front_end> m_front_end;
    std::vector<sdk::subscription> m_subs;
    sdk::subscription m_update_sub;
};

} // namespace
} // namespace pico::gui

PICO_DECLARE_PLUGIN("gui", pico::gui::gui_plugin)
