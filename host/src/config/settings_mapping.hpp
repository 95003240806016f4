// From the configuration to libtorrent settings.
#pragma once

#include "config/throughput_profile.hpp"

#include <cstdint>
#include <libtorrent/settings_pack.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

namespace pico::config {

/// The peer id prefix: "-pT" + major, minor, patch + "0" + "-" (0.1.0 -> "-pT0100-"), as
/// lt::generate_fingerprint("pT", major, minor, patch, 0) makes it.
std::string peer_fingerprint();

/// "PicoTorrent/<version>", sent to trackers and in the extension handshake.
std::string user_agent();

/// lt::default_settings() with `role`'s throughput profile, then the configuration applied
/// (session.* keys, peer id, user agent). Throws config_error "KEY: message" on an invalid document.
lt::settings_pack make_settings_pack(nlohmann::json const& document, session_role role = session_role::run);

/// One libtorrent setting's value: the same type as sdk::setting_value, without the SDK dependency.
using setting_value = std::variant<bool, std::int64_t, std::string>;

/// The settings whose values differ between two packs, with `after`'s values, by libtorrent name:
/// what to apply to a running session when the configuration changes.
std::map<std::string, setting_value> changed_settings(lt::settings_pack const& before,
                                                      lt::settings_pack const& after);

/// Every setting in `pack` under its libtorrent name (lt::name_for_setting).
nlohmann::json settings_to_json(lt::settings_pack const& pack);

} // namespace pico::config
