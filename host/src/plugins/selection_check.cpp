#include "plugins/selection_check.hpp"

#include "util/printable.hpp"

#include <algorithm>

namespace pico::plugins {

std::optional<std::string> unknown_selected_id(std::vector<plugin_record> const& records,
                                               std::vector<std::string> const& selected)
{
    auto const owners = owners_of_ids(records);
    for (auto const& id : selected) {
        bool const known = std::any_of(owners.begin(), owners.end(),
                                       [&](plugin_record const* r) { return r->info.id == id; });
        if (known)
            continue;
        std::string installed;
        for (auto const* r : owners)
            installed += (installed.empty() ? "" : ", ") + r->info.id;
        return "--plugins: no plugin '" + util::printable(id, 64) +
               "' is installed (installed: " + (installed.empty() ? std::string("none") : installed) + ")";
    }
    return std::nullopt;
}

} // namespace pico::plugins
