#include "plugins/plugin_record.hpp"

#include <set>

namespace pico::plugins {

std::string_view to_string(plugin_state s)
{
    switch (s) {
    case plugin_state::discovered:
        return "discovered";
    case plugin_state::not_selected:
        return "not selected";
    case plugin_state::refused:
        return "refused";
    case plugin_state::loaded:
        return "loaded";
    case plugin_state::running:
        return "running";
    case plugin_state::disabled:
        return "disabled";
    case plugin_state::stopped:
        return "stopped";
    }
    return "unknown";
}

std::vector<plugin_record const*> owners_of_ids(std::vector<plugin_record> const& records)
{
    std::vector<plugin_record const*> out;
    std::set<std::string> seen;
    for (auto const& r : records) {
        // A broken manifest has no version and claims no id (see plugin_manager::discover).
        if (r.info.version.empty() || !seen.insert(r.info.id).second)
            continue;
        out.push_back(&r);
    }
    return out;
}

} // namespace pico::plugins
