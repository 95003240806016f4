// A plugin whose manifest says "fail_closed" guards the network (the proxy): when it is selected
// but does not run, the host must not run either, or traffic would go where it was meant not to.
#pragma once

#include "plugins/plugin_record.hpp"

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pico::plugins {

/// After plugins were started: for the first selected fail_closed plugin that is not running, the
/// one line to stop with ("proxy: refused (REASON); it is fail_closed, so the host will not run
/// without it"); nullopt when there is none.
std::optional<std::string> fail_closed_violation(std::vector<plugin_record> const& records);

/// For the first installed fail_closed plugin that is not running although the configuration
/// has its section (a key named like its id, not null), e.g. "proxy.force" with "--plugins
/// websocket": the one line to stop with; nullopt when there is none.
std::optional<std::string> fail_closed_section_violation(std::vector<plugin_record> const& records,
                                                         nlohmann::json const& config);

} // namespace pico::plugins
