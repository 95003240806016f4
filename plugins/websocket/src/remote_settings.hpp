// Which configuration keys a remote client sees (get_settings) and may change (set_settings).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pico::websocket {

/// Shown instead of a secret value.
inline constexpr char const* masked_secret = "********";

/// save_path, every session.* key and every proxy.* key of the effective configuration, as flat
/// dotted keys; secrets (proxy.password) masked. websocket.* is never listed: it holds the token.
nlohmann::ordered_json readable_settings(nlohmann::json const& effective_config);

/// True for save_path and session.* except session.listen_interfaces. Where the host listens,
/// the proxy and the WebSocket server itself stay in the local configuration file: a remote
/// client must not be able to widen its own access or drop a fail-closed proxy.
bool remote_writable(std::string const& key);

/// The keys of `readable` that remote_writable allows, in order.
std::vector<std::string> writable_keys(nlohmann::ordered_json const& readable);

/// The value at a dotted key of the effective configuration, null when absent.
nlohmann::json setting_at(nlohmann::json const& effective_config, std::string const& key);

} // namespace pico::websocket
