// `run` is a service: what happens to its torrents belongs in the log, one line each.
#pragma once

#include "core/application.hpp"

#include <picotorrent/sdk/subscription.hpp>
#include <vector>

namespace pico::app {

/// Logs one info line when a torrent is added, finishes, or fails. Keep the returned
/// subscriptions for as long as lines should be written.
std::vector<sdk::subscription> log_torrent_lifecycle(core::application& app);

} // namespace pico::app
