// Requests about the whole session: the state again, statistics, and the settings a user sets.
#include "json_limits.hpp"
#include "messages.hpp"
#include "remote_settings.hpp"
#include "request_fields.hpp"
#include "request_types.hpp"
#include "save_path_policy.hpp"

#include <utility>

namespace pico::websocket {

using json = nlohmann::json;
using reply = nlohmann::ordered_json;

namespace {

/// More keys than any configuration has: a bound on the work one request can ask for.
constexpr std::size_t max_settings_per_request = 128;

void read_nothing(json const& /*msg*/, command& /*cmd*/) {}

void read_settings(json const& msg, command& cmd)
{
    auto it = msg.find("settings");
    if (it == msg.end() || !it->is_object() || it->empty())
        throw request_error{"\"settings\" must be an object of configuration keys and values"};
    if (it->size() > max_settings_per_request)
        throw request_error{"\"settings\" has more than " + std::to_string(max_settings_per_request) +
                            " keys"};
    for (auto const& [key, value] : it->items()) {
        if (!remote_writable(key))
            throw request_error{"'" + key + "' cannot be changed remotely (see get_settings' \"writable\")"};
        if (value.is_structured() || value.is_null())
            throw request_error{"'" + key + "' must be a string, a number or true/false"};
    }
    cmd.settings = *it;
}

json effective_config(request_context const& c)
{
    auto config = parse_limited(c.host.config(), max_config_depth);
    if (config.is_discarded())
        throw request_error{"the host's configuration could not be read"};
    return config;
}

reply run_get_state(request_context const& c, command const& /*cmd*/)
{
    return reply{{"version_info", {{"api_version", api_version}}},
                 {"torrents", torrent_array(c.host.torrents())}};
}

reply run_session_stats(request_context const& c, command const& /*cmd*/)
{
    return reply{{"stats", stats_object(c.host.session_stats(), c.host.global_limits())}};
}

reply run_get_settings(request_context const& c, command const& /*cmd*/)
{
    auto settings = readable_settings(effective_config(c));
    auto writable = writable_keys(settings);
    return reply{{"settings", std::move(settings)}, {"writable", std::move(writable)}};
}

reply run_set_settings(request_context const& c, command const& cmd)
{
    auto const before = effective_config(c);
    std::vector<std::string> applied;
    auto const undo = [&] {
        // All or nothing: put back what this request already changed, newest first.
        for (auto it = applied.rbegin(); it != applied.rend(); ++it)
            (void)c.host.set_config_value(*it, setting_at(before, *it).dump());
    };
    for (auto const& [key, value] : cmd.settings.items()) {
        json stored = value;
        if (key == "save_path") {
            auto const check =
                confine_save_path(value.is_string() ? value.get<std::string>() : std::string(), c.save_roots);
            if (!check.ok) {
                undo();
                throw request_error{"save_path: " + check.error};
            }
            stored = check.path;
        }
        if (auto st = c.host.set_config_value(key, stored.dump()); !st.ok) {
            undo();
            throw request_error{st.error};
        }
        applied.push_back(key);
    }
    return reply{{"applied", applied}};
}

} // namespace

std::vector<request_type> const& session_request_types()
{
    static std::vector<request_type> const types{
        {"get_state", read_nothing, run_get_state},
        {"session_stats", read_nothing, run_session_stats},
        {"get_settings", read_nothing, run_get_settings},
        {"set_settings", read_settings, run_set_settings},
    };
    return types;
}

} // namespace pico::websocket
