#include "plugins/option_owners.hpp"

#include <algorithm>

namespace pico::plugins {
namespace {

bool declares(plugin_record const& r, std::string const& option)
{
    return std::find(r.info.options.begin(), r.info.options.end(), option) != r.info.options.end();
}

// Why a plugin that would consume the option is not running, in a few words.
std::string why_not_running(plugin_record const& r)
{
    // Not-selected reasons already read as an explanation ("plugins are turned off (--no-plugins)").
    if (r.state == plugin_state::not_selected)
        return r.reason.empty() ? "not selected" : r.reason;
    std::string why(to_string(r.state));
    if (!r.reason.empty())
        why += " (" + r.reason + ")";
    return why;
}

} // namespace

std::optional<std::string> unhandled_option(std::vector<plugin_record> const& records,
                                            std::vector<std::string> const& given)
{
    auto const owners = owners_of_ids(records);
    for (auto const& option : given) {
        std::string absent;
        bool handled = false;
        for (auto const* r : owners) {
            if (!declares(*r, option))
                continue;
            if (r->state == plugin_state::running) {
                handled = true;
                break;
            }
            absent += (absent.empty() ? "" : "; ") + r->info.id + " is not loaded: " + why_not_running(*r);
        }
        if (handled)
            continue;
        if (absent.empty())
            absent = "no installed plugin declares it";
        return "--" + option + " needs a plugin that handles it, and none is running (" + absent + ")";
    }
    return std::nullopt;
}

} // namespace pico::plugins
