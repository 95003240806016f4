// Plugin-facing command-line options (--include, --exclude) do nothing unless a running plugin
// consumes them; the manifests' "options" say which plugin does, so the host can say so instead
// of ignoring the option without a word.
#pragma once

#include "plugins/plugin_record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pico::plugins {

/// After plugins were started: for the first option in `given` (names without dashes) that no
/// running plugin declares, the one line to stop with ("--include needs a plugin that handles it,
/// and none is running (file_filters is not loaded: WHY)"); nullopt when each has one.
std::optional<std::string> unhandled_option(std::vector<plugin_record> const& records,
                                            std::vector<std::string> const& given);

} // namespace pico::plugins
