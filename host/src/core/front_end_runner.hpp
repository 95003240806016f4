// Runs a host whose front-end owns the main thread (`picotorrent gui`).
#pragma once

#include "core/application.hpp"

#include <string>
#include <vector>

namespace pico::core {

/// Starts `app` on a new host thread; when a front-end plugin registered itself, runs its loop
/// on the calling (main) thread with `arguments` (once the session runs, or once the plugins
/// have started for a front_end_before_restore one), then stops the host and joins its thread.
/// Returns the exit code; exit_failure (after one log line) when no front-end started.
int run_with_front_end(application& app, std::vector<std::string> const& arguments);

} // namespace pico::core
