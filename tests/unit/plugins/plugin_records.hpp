// plugin_record values for the tests of what the host says about plugins that are not running.
#pragma once

#include "plugins/plugin_record.hpp"

#include <string>
#include <utility>
#include <vector>

namespace pico::plugins::test {

/// A record of plugin `id` 1.0.0 in `state`, with the reason it is in that state.
inline plugin_record record_of(std::string id, plugin_state state, std::string reason)
{
    plugin_record r;
    r.info.id = std::move(id);
    r.info.version = "1.0.0";
    r.state = state;
    r.reason = std::move(reason);
    return r;
}

/// The same, guarding (fail_closed) or not.
inline plugin_record guard_record(std::string id, plugin_state state, bool fail_closed,
                                  std::string reason = {})
{
    auto r = record_of(std::move(id), state, std::move(reason));
    r.info.fail_closed = fail_closed;
    return r;
}

/// The same, with a manifest that declares the command-line `options`.
inline plugin_record option_record(std::string id, plugin_state state, std::vector<std::string> options,
                                   std::string reason = {})
{
    auto r = record_of(std::move(id), state, std::move(reason));
    r.info.options = std::move(options);
    return r;
}

} // namespace pico::plugins::test
