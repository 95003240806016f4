// The keys of the configuration: the host's own (session.*, save_path, plugins) and those each
// installed plugin declares in its plugin.json, their types, defaults and the effective
// configuration. The host names no plugin here: a plugin's keys come from its manifest.
#pragma once

#include "config/key_rule.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pico::config {

/// The rules in force: the host's, plus those of each plugin added.
class config_schema {
  public:
    /// Only the host's own keys.
    config_schema();

    /// Adds a plugin's keys (from its manifest). Throws config_error when one is already the
    /// host's or another plugin's: a plugin cannot change what a key it does not own means.
    void add_plugin(std::string const& plugin_id, std::vector<key_rule> rules);

    /// Every rule, the host's first, then each plugin's in the order added.
    std::vector<key_rule const*> rules() const;

    /// The plugin that declared `key` ("" for the host's keys and unknown ones).
    std::string owner_of(std::string const& key) const;

    /// The ids of the plugins whose keys were added.
    std::vector<std::string> plugin_ids() const;

  private:
    std::vector<key_rule> m_host;
    std::vector<std::pair<std::string, std::vector<key_rule>>> m_plugins;
};

/// Throws config_error "KEY: message" (dotted key, e.g. "session.active_downloads") when a key
/// the schema knows has the wrong type or value. Unknown keys are fine here (see
/// config_check.hpp). A null value counts as absent.
void validate_document(nlohmann::json const& document, config_schema const& schema = config_schema());

/// Every key the schema knows, dotted ("session.enable_dht"); "[]" stands for any array index
/// ("file_filters[].name").
std::vector<std::string> known_config_keys(config_schema const& schema = config_schema());

/// The document with every default of the schema filled in (save_path's from the environment);
/// unknown keys are kept as written. Throws config_error like validate_document.
nlohmann::json effective_config(nlohmann::json const& document,
                                config_schema const& schema = config_schema());

/// Replaces each non-empty value of a secret key with "********".
void mask_secrets(nlohmann::json& config, config_schema const& schema);

} // namespace pico::config
