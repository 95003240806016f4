// Finds, checks, orders, loads, starts and stops plugins. Host thread only.
#pragma once

#include "plugins/compatibility.hpp"
#include "plugins/manifest.hpp"
#include "plugins/plugin_record.hpp"

#include <filesystem>
#include <functional>
#include <memory>
#include <picotorrent/sdk/host.hpp>
#include <picotorrent/sdk/plugin.hpp>
#include <string>
#include <vector>

namespace pico::plugins {

/// Owns every plugin library and instance. Lifecycle per plugin: discovered -> (not_selected |
/// refused | loaded) -> running -> (stopped | disabled). A library is unloaded only after every
/// object the manager made from it is gone (instances are destroyed by their own destroy()).
class plugin_manager {
  public:
    /// Receives one line per event worth logging (each refusal is exactly one line).
    using log_fn = std::function<void(sdk::log_level, std::string const&)>;
    /// Makes the host object one plugin talks to; it outlives the plugin instance.
    using host_factory = std::function<std::unique_ptr<sdk::host>(plugin_record const&)>;

    /// `log` may be empty.
    explicit plugin_manager(log_fn log);
    /// Stops everything still running.
    ~plugin_manager();
    plugin_manager(plugin_manager const&) = delete;
    plugin_manager& operator=(plugin_manager const&) = delete;

    /// <exe_dir>/../<libdir>/picotorrent/plugins (build and install trees share it), then
    /// $XDG_DATA_HOME/picotorrent/plugins (default ~/.local/share/picotorrent/plugins).
    static std::vector<std::filesystem::path>
    default_search_dirs(std::filesystem::path const& executable_dir);

    /// Reads <dir>/<id>/plugin.json in each dir (folders in name order). Earlier dirs win: a
    /// duplicate id later is refused; so is an unreadable manifest. Missing dirs are skipped.
    void discover(std::vector<std::filesystem::path> const& dirs);
    /// Marks plugins not to load as not_selected. A selected plugin's dependencies are selected too.
    void select(selection const& s);
    /// Loads and checks every selected plugin (see load_only), then in dependency order creates
    /// each, makes its host with `make_host` and calls start(). A throwing start() refuses the
    /// plugin (instance destroyed, library unloaded).
    void load_and_start(host_factory make_host);
    /// Loads each selected library (Boost.DLL, rtld_local|rtld_now), checks its entry point,
    /// descriptor, id and compatibility, and orders by dependency; starts nothing.
    void load_only();
    /// Stops (exceptions logged, not thrown) and destroys a running plugin and then its host
    /// object; state disabled with `reason`. The library stays loaded until stop_all(). Must not
    /// be called from inside the plugin's own callback.
    void disable(std::string const& id, std::string const& reason);
    /// Reverse start order: stop(), destroy the instance, destroy its host object; then unloads
    /// the libraries (each stays mapped while a library_keepalive() handle is held).
    void stop_all();

    /// Every discovered plugin, in discovery order.
    std::vector<plugin_record> records() const;
    /// Ids of running plugins, in start order.
    std::vector<std::string> running_in_order() const;
    /// Keeps the plugin's library mapped while held (Boost.DLL tutorial 8: the library must
    /// outlive every object it created). Null when the plugin has no library loaded.
    std::shared_ptr<void> library_keepalive(std::string const& id) const;

  private:
    struct slot;

    void log(sdk::log_level level, std::string const& line) const;
    void refuse(slot& s, std::string reason);
    void teardown(slot& s, bool call_stop);
    void unload(slot& s);
    bool check_library(slot& s);
    void order_loaded();
    void start_one(slot& s, host_factory const& make_host);
    slot* find(std::string const& id, plugin_state state) const;
    std::string why_unavailable(std::string const& id) const;

    log_fn m_log;
    std::vector<std::unique_ptr<slot>> m_slots;
    std::vector<std::filesystem::path> m_searched;
    std::vector<slot*> m_load_order;
    std::vector<slot*> m_start_order;
    bool m_selected = false;
    bool m_loaded = false;
};

} // namespace pico::plugins
