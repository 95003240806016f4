#include "plugins/fail_closed.hpp"

#include <nlohmann/json.hpp>

namespace pico::plugins {

std::optional<std::string> fail_closed_violation(std::vector<plugin_record> const& records)
{
    for (auto const* r : owners_of_ids(records)) {
        // Not selected is the user's choice (--no-plugins, --plugins, the config's list).
        if (!r->info.fail_closed || r->state == plugin_state::not_selected ||
            r->state == plugin_state::running)
            continue;
        std::string line = r->info.id + ": " + std::string(to_string(r->state));
        if (!r->reason.empty())
            line += " (" + r->reason + ")";
        return line + "; it is fail_closed, so the host will not run without it";
    }
    return std::nullopt;
}

} // namespace pico::plugins

namespace pico::plugins {

std::optional<std::string> fail_closed_section_violation(std::vector<plugin_record> const& records,
                                                         nlohmann::json const& config)
{
    if (!config.is_object())
        return std::nullopt;
    for (auto const* r : owners_of_ids(records)) {
        if (!r->info.fail_closed || r->state == plugin_state::running)
            continue;
        auto const section = config.find(r->info.id);
        if (section == config.end() || section->is_null())
            continue;
        std::string line = "the configuration has a '" + r->info.id + "' section, but plugin '" + r->info.id +
                           "' is " + std::string(to_string(r->state));
        if (!r->reason.empty())
            line += " (" + r->reason + ")";
        return line + "; it is fail_closed, so the host will not run without it";
    }
    return std::nullopt;
}

} // namespace pico::plugins
