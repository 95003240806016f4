// The gui plugin's sdk::front_end: on the main thread, creates QApplication, the main window,
// the tray icon and the single-instance listener, and runs Qt's loop.
#pragma once

#include "host_link.hpp"

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
    /// Plugins the host reported; written on the host thread.
    plugin_roster& roster() { return *m_roster; }
    /// Host thread, before run(): services and paths found at start-up.
    void set_link_data(std::shared_ptr<file_filters::file_filters_service> filters,
                       std::shared_ptr<updater::updater_service> updater, std::string state_dir,
                       std::string save_path);

  private:
    sdk::host& m_host;
    gui_bridge m_bridge;
    std::shared_ptr<plugin_roster> m_roster = std::make_shared<plugin_roster>();
    std::mutex m_mutex;
    std::shared_ptr<file_filters::file_filters_service> m_filters;
    std::shared_ptr<updater::updater_service> m_updater;
    std::string m_state_dir;
    std::string m_save_path;
    std::atomic<bool> m_quit_requested{false};
};

} // namespace pico::gui
