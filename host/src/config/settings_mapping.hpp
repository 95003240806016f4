// From the configuration to libtorrent settings.
#pragma once

#include <libtorrent/settings_pack.hpp>
#include <nlohmann/json.hpp>
#include <string>

namespace pico::config {

/// The peer id prefix: "-pT" + major, minor, patch + "0" + "-" (0.1.0 -> "-pT0100-"), as
/// lt::generate_fingerprint("pT", major, minor, patch, 0) makes it.
std::string peer_fingerprint();

/// "PicoTorrent/<version>", sent to trackers and in the extension handshake.
std::string user_agent();

/// lt::default_settings() with the configuration applied (session.* keys, peer id, user agent).
/// Throws config_error "KEY: message" on an invalid document.
lt::settings_pack make_settings_pack(nlohmann::json const& document);

/// Every setting in `pack` under its libtorrent name (lt::name_for_setting).
nlohmann::json settings_to_json(lt::settings_pack const& pack);

} // namespace pico::config
