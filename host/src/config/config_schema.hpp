// The keys the host knows: their types, their defaults, and the effective configuration.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pico::config {

/// Throws config_error "KEY: message" (dotted key, e.g. "session.active_downloads") when a key the
/// host knows has the wrong type or value. Unknown keys are fine: plugins own sections the host
/// does not know. A null value counts as absent.
void validate_document(nlohmann::json const& document);

/// Every key the host knows, dotted ("session.enable_dht"); "[]" stands for any array index
/// ("file_filters[].name"). Others are reported as unknown (see config_check.hpp).
std::vector<std::string> known_config_keys();

/// The document with every default filled in (session.*, save_path, ui.*, websocket.*, proxy.*,
/// updater.*, file_filters, update_url, ignored_update); unknown keys are kept as written.
/// Throws config_error like validate_document.
nlohmann::json effective_config(nlohmann::json const& document);

} // namespace pico::config
