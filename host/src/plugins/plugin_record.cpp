#include "plugins/plugin_record.hpp"

namespace pico::plugins {

std::string_view to_string(plugin_state s)
{
    switch (s) {
    case plugin_state::discovered: return "discovered";
    case plugin_state::not_selected: return "not selected";
    case plugin_state::refused: return "refused";
    case plugin_state::loaded: return "loaded";
    case plugin_state::running: return "running";
    case plugin_state::disabled: return "disabled";
    case plugin_state::stopped: return "stopped";
    }
    return "unknown";
}

} // namespace pico::plugins
