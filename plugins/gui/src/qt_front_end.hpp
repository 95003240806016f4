// The gui plugin's sdk::front_end: on the main thread, creates QApplication, the main window,
// the tray icon and the single-instance listener, and runs Qt's loop.
#pragma once

#include "host_link.hpp"
#include "window_outbox.hpp"

#include <atomic>
#include <mutex>
#include <picotorrent/sdk/front_end.hpp>

namespace pico::gui {

/// One per plugin; run() once.
class qt_front_end final : public sdk::front_end {
  public:
    explicit qt_front_end(sdk::host& h) : m_host(h) {}

    void run(std::vector<std::string> const& arguments) override;
    void quit() override;

    /// Host thread -> GUI thread.
    gui_bridge& bridge() { return m_bridge; }
    /// Host thread: calls for the main window, batched per turn of the host loop.
    window_outbox& outbox() { return m_outbox; }
    /// Plugins the host reported; written on the host thread.
    plugin_roster& roster() { return *m_roster; }
    /// Host thread, in plugin::start (before run()): the paths and the configuration
    /// (host::config()), so the window needs no round trip through the host to show them.
    void set_start_data(std::string state_dir, std::string save_path, std::string config);
    /// Host thread, at host_started: the services (null when their plugin is not running).
    /// The plugin starts before restore, so run() may already be running by then.
    void set_services(std::shared_ptr<file_filters::file_filters_service> filters,
                      std::shared_ptr<updater::updater_service> updater);

  private:
    sdk::host& m_host;
    gui_bridge m_bridge;
    window_outbox m_outbox{m_host, m_bridge};
    std::shared_ptr<plugin_roster> m_roster = std::make_shared<plugin_roster>();
    std::mutex m_mutex;
    std::shared_ptr<file_filters::file_filters_service> m_filters;
    std::shared_ptr<updater::updater_service> m_updater;
    bool m_services_known = false;
    std::string m_state_dir;
    std::string m_save_path;
    std::string m_config;
    std::atomic<bool> m_quit_requested{false};
};

} // namespace pico::gui
