// libtorrent settings by name, as plugins and the config apply them: all or nothing, typed,
// and never switching off the alerts the host itself needs.
#include "session/host_alerts.hpp"
#include "session/session_host.hpp"

#include <libtorrent/settings_pack.hpp>

namespace pico::session {

sdk::status session_host::apply_settings(std::map<std::string, sdk::setting_value> const& settings,
                                         std::vector<std::string>* applied)
{
    lt::settings_pack pack;
    for (auto const& [name, value] : settings) {
        int const id = lt::setting_by_name(name);
        if (id < 0)
            return sdk::status::failure("unknown libtorrent setting '" + name + "'");
        switch (id & lt::settings_pack::type_mask) {
        case lt::settings_pack::string_type_base:
            if (!std::holds_alternative<std::string>(value))
                return sdk::status::failure("setting '" + name + "' expects a string");
            pack.set_str(id, std::get<std::string>(value));
            break;
        case lt::settings_pack::int_type_base: {
            if (!std::holds_alternative<std::int64_t>(value))
                return sdk::status::failure("setting '" + name + "' expects an integer");
            auto const v = std::get<std::int64_t>(value);
            if (v < INT32_MIN || v > INT32_MAX)
                return sdk::status::failure("setting '" + name + "' is out of range");
            pack.set_int(id, static_cast<int>(v));
            break;
        }
        case lt::settings_pack::bool_type_base:
            if (!std::holds_alternative<bool>(value))
                return sdk::status::failure("setting '" + name + "' expects a boolean");
            pack.set_bool(id, std::get<bool>(value));
            break;
        default:
            return sdk::status::failure("setting '" + name + "' has an unknown type");
        }
    }
    // The host needs its alerts whatever a plugin asks for.
    if (pack.has_val(lt::settings_pack::alert_mask))
        pack.set_int(lt::settings_pack::alert_mask,
                     pack.get_int(lt::settings_pack::alert_mask) | static_cast<int>(host_alert_mask()));
    if (m_session)
        m_session->apply_settings(pack);
    for (auto const& [name, value] : settings) {
        int const id = lt::setting_by_name(name);
        switch (id & lt::settings_pack::type_mask) {
        case lt::settings_pack::string_type_base:
            m_options.settings.set_str(id, pack.get_str(id));
            break;
        case lt::settings_pack::int_type_base:
            m_options.settings.set_int(id, pack.get_int(id));
            break;
        default:
            m_options.settings.set_bool(id, pack.get_bool(id));
            break;
        }
        if (applied)
            applied->push_back(name);
    }
    return sdk::status::success();
}

std::optional<sdk::setting_value> session_host::setting(std::string const& name)
{
    int const id = lt::setting_by_name(name);
    if (id < 0)
        return std::nullopt;
    auto const pack = m_session ? m_session->get_settings() : m_options.settings;
    switch (id & lt::settings_pack::type_mask) {
    case lt::settings_pack::string_type_base:
        return sdk::setting_value(pack.get_str(id));
    case lt::settings_pack::int_type_base:
        return sdk::setting_value(std::int64_t(pack.get_int(id)));
    default:
        return sdk::setting_value(pack.get_bool(id));
    }
}

} // namespace pico::session
