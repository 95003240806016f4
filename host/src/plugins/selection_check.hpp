// Plugin ids named on the command line that no installed plugin has.
#pragma once

#include "plugins/plugin_record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pico::plugins {

/// For the first id in `selected` that no discovered plugin has, the one line to stop with
/// ("--plugins: no plugin 'prxy' is installed (installed: proxy, websocket)"); nullopt otherwise.
std::optional<std::string> unknown_selected_id(std::vector<plugin_record> const& records,
                                               std::vector<std::string> const& selected);

} // namespace pico::plugins
