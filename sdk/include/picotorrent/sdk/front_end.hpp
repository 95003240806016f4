// A front-end: a plugin that owns the process's main thread (the GUI). Only
// `picotorrent gui` starts front-ends. See docs/threading.md for the whole contract.
#pragma once

#include <string>
#include <vector>

namespace pico::sdk {

/// The main-thread half of a front-end plugin. The plugin hands one to
/// host::set_front_end from start(); the host then runs the host loop on its own thread
/// and calls run() on the main thread.
class front_end {
  public:
    /// Owned by the plugin through the shared_ptr given to set_front_end.
    virtual ~front_end() = default;
    /// Runs the front-end's own event loop on the main thread until the user quits or
    /// quit() is called; `arguments` are the TORRENT|MAGNET arguments of `picotorrent gui`
    /// (paths made absolute). Must not call the host except post() and log(); everything the
    /// loop created must be destroyed before it returns. Returning stops the host.
    virtual void run(std::vector<std::string> const& arguments) = 0;
    /// Asks run() to return soon (the host is stopping: SIGINT/SIGTERM or a failure). Any thread.
    virtual void quit() = 0;
};

} // namespace pico::sdk
