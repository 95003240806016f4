// What the plugin manager keeps per plugin (plugin_manager.cpp and plugin_discovery.cpp).
#pragma once

#include "plugins/plugin_library.hpp"
#include "plugins/plugin_manager.hpp"

#include <memory>
#include <picotorrent/sdk/plugin.hpp>

namespace pico::plugins {

struct plugin_manager::slot {
    // Declared first so it is destroyed last: everything below may point into it.
    std::shared_ptr<boost::dll::shared_library> library;
    plugin_record record;
    sdk::plugin_descriptor const* descriptor = nullptr;
    // Outlives `instance`: the plugin may use its host until destroy() returns.
    std::unique_ptr<sdk::host> host;
    sdk::plugin* instance = nullptr;
};

} // namespace pico::plugins
