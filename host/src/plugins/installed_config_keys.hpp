// The configuration keys of the installed plugins, taken from their manifests, so that the
// host checks (and `config show` fills in) each plugin's section without loading a library.
#pragma once

#include "config/config_store.hpp"
#include "plugins/plugin_record.hpp"

#include <filesystem>
#include <vector>

namespace pico::plugins {

/// Adds the keys of each id's owning record (owners_of_ids) to `store`. Throws config_error
/// "FILE: KEY: message" when what the user wrote for a plugin's key is invalid.
void add_installed_config_keys(config::config_store& store, std::vector<plugin_record> const& records);

/// Discovers the plugins in `dirs` (manifests only, nothing is loaded) and adds their keys.
void add_installed_config_keys(config::config_store& store, std::vector<std::filesystem::path> const& dirs);

} // namespace pico::plugins
