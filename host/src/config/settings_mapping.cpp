#include "config/settings_mapping.hpp"

#include "config/config_schema.hpp"
#include "util/host_version.hpp"

#include <libtorrent/fingerprint.hpp>

namespace pico::config {
namespace {

using sp = lt::settings_pack;

// Session keys that are libtorrent settings of the same meaning. session.active_loaded_limit is
// not here: libtorrent 2.0 never unloads torrents, so the key is accepted and has no effect.
struct int_key {
    char const* key;
    int setting;
};
constexpr int_key int_keys[] = {
    {"active_checking", sp::active_checking},           {"active_dht_limit", sp::active_dht_limit},
    {"active_downloads", sp::active_downloads},         {"active_limit", sp::active_limit},
    {"active_lsd_limit", sp::active_lsd_limit},         {"active_seeds", sp::active_seeds},
    {"active_tracker_limit", sp::active_tracker_limit}, {"download_rate_limit", sp::download_rate_limit},
    {"upload_rate_limit", sp::upload_rate_limit},
};

struct bool_key {
    char const* key;
    int setting;
};
constexpr bool_key bool_keys[] = {
    {"anonymous_mode", sp::anonymous_mode},  {"enable_dht", sp::enable_dht},
    {"enable_lsd", sp::enable_lsd},          {"enable_upnp", sp::enable_upnp},
    {"enable_natpmp", sp::enable_natpmp},    {"enable_utp", sp::enable_outgoing_utp},
    {"enable_utp", sp::enable_incoming_utp}, {"enable_tcp", sp::enable_outgoing_tcp},
    {"enable_tcp", sp::enable_incoming_tcp},
};

// require_*_encryption: forced means plaintext peers are refused; otherwise encryption is
// offered and accepted but not required.
int encryption_policy(bool required)
{
    return required ? sp::pe_forced : sp::pe_enabled;
}

} // namespace

std::string peer_fingerprint()
{
    return lt::generate_fingerprint("pT", host_version_major, host_version_minor, host_version_patch, 0);
}

std::string user_agent()
{
    return std::string("PicoTorrent/") + host_version;
}

lt::settings_pack make_settings_pack(nlohmann::json const& document, session_role role)
{
    auto const config = effective_config(document);
    auto const& session = config.at("session");

    lt::settings_pack pack = lt::default_settings();
    // First, so that a session.* key the user sets wins over the profile.
    apply_throughput_profile(pack, role);
    for (auto const& k : int_keys)
        pack.set_int(k.setting, session.at(k.key).get<int>());
    for (auto const& k : bool_keys)
        pack.set_bool(k.setting, session.at(k.key).get<bool>());
    pack.set_int(sp::in_enc_policy, encryption_policy(session.at("require_incoming_encryption").get<bool>()));
    pack.set_int(sp::out_enc_policy,
                 encryption_policy(session.at("require_outgoing_encryption").get<bool>()));
    pack.set_str(sp::listen_interfaces, session.at("listen_interfaces").get<std::string>());
    pack.set_str(sp::dht_bootstrap_nodes, session.at("dht_bootstrap_nodes").get<std::string>());
    pack.set_str(sp::peer_fingerprint, peer_fingerprint());
    pack.set_str(sp::user_agent, user_agent());
    // libtorrent 2.0 keeps a deprecated, ignored "active_loaded_limit" setting. Leaving its default
    // in the pack would make `config show` list a value that differs from session.active_loaded_limit
    // and looks as if it applied; without it the key is visibly config-only.
    if (int const loaded_limit = lt::setting_by_name("active_loaded_limit"); loaded_limit >= 0)
        pack.clear(loaded_limit);
    return pack;
}

nlohmann::json settings_to_json(lt::settings_pack const& pack)
{
    auto out = nlohmann::json::object();
    auto const add_all = [&](int base, int count, auto get) {
        for (int i = 0; i < count; ++i) {
            int const setting = base + i;
            char const* name = lt::name_for_setting(setting);
            if (pack.has_val(setting) && name != nullptr && *name != '\0')
                out[name] = get(setting);
        }
    };
    add_all(sp::string_type_base, sp::num_string_settings, [&](int s) { return pack.get_str(s); });
    add_all(sp::int_type_base, sp::num_int_settings, [&](int s) { return pack.get_int(s); });
    add_all(sp::bool_type_base, sp::num_bool_settings, [&](int s) { return pack.get_bool(s); });
    return out;
}

std::map<std::string, setting_value> changed_settings(lt::settings_pack const& before,
                                                      lt::settings_pack const& after)
{
    std::map<std::string, setting_value> out;
    auto const add_changed = [&](int base, int count, auto get) {
        for (int setting = base; setting < base + count; ++setting) {
            char const* name = lt::name_for_setting(setting);
            if (!after.has_val(setting) || name == nullptr || *name == '\0')
                continue;
            auto const value = get(after, setting);
            if (!before.has_val(setting) || get(before, setting) != value)
                out.emplace(name, setting_value(value));
        }
    };
    add_changed(sp::string_type_base, sp::num_string_settings,
                [](lt::settings_pack const& p, int s) { return p.get_str(s); });
    add_changed(sp::int_type_base, sp::num_int_settings,
                [](lt::settings_pack const& p, int s) { return static_cast<std::int64_t>(p.get_int(s)); });
    add_changed(sp::bool_type_base, sp::num_bool_settings,
                [](lt::settings_pack const& p, int s) { return p.get_bool(s); });
    return out;
}

} // namespace pico::config
