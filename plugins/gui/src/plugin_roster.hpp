// The plugins the host reported (plugin_loaded / plugin_refused events, host thread) for the
// Preferences dialog's plugin list (GUI thread): a small list behind a mutex.
#pragma once

#include <mutex>
#include <string>
#include <vector>

namespace pico::gui {

/// One plugin as the host reported it.
struct plugin_status {
    /// Plugin id.
    std::string id;
    /// "running", "refused" or "disabled" (refused after it had been running).
    std::string state;
    /// Version when running; the host's one-line reason otherwise.
    std::string detail;
};

/// Written on the host thread, read on the GUI thread.
class plugin_roster {
  public:
    /// A plugin_loaded event.
    void loaded(std::string const& id, std::string const& version)
    {
        std::lock_guard lock(m_mutex);
        entry(id) = {id, "running", version};
    }
    /// A plugin_refused event: refused at start-up, or disabled after it threw.
    void refused(std::string const& id, std::string const& reason)
    {
        std::lock_guard lock(m_mutex);
        auto& e = entry(id);
        e = {id, e.state == "running" ? "disabled" : "refused", reason};
    }
    /// Every plugin reported so far, in report order.
    std::vector<plugin_status> snapshot() const
    {
        std::lock_guard lock(m_mutex);
        return m_plugins;
    }

  private:
    plugin_status& entry(std::string const& id)
    {
        for (auto& p : m_plugins) {
            if (p.id == id)
                return p;
        }
        return m_plugins.emplace_back(plugin_status{id, {}, {}});
    }

    mutable std::mutex m_mutex;
    std::vector<plugin_status> m_plugins;
};

} // namespace pico::gui
