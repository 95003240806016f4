// plugin.json: what the host knows about a plugin without loading it.
#pragma once

#include "config/key_rule.hpp"

#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace pico::plugins {

/// The contents of one plugin.json.
struct manifest {
    /// Unique plugin id, [a-z][a-z0-9_]*; also the plugin's config section.
    std::string id;
    /// Display name.
    std::string name;
    /// The plugin's own version (semver).
    std::string version;
    /// SDK version the library was built against, "MAJOR.MINOR.PATCH".
    std::string sdk_version;
    /// One-line description; may be empty.
    std::string description;
    /// File name of the shared library beside the manifest (default "<id>.so").
    std::string library;
    /// Ids of plugins that must be started before this one.
    std::vector<std::string> depends;
    /// True for front ends (the GUI): only `picotorrent gui` starts them.
    bool front_end = false;
    /// True for a front end whose loop may start before the saved torrents are restored (it
    /// shows its window at once and fills it in at host_started); see docs/threading.md.
    bool front_end_before_restore = false;
    /// True when the host must not run if this plugin is selected but does not start (it guards
    /// the network: running without it would leak what it is there to stop).
    bool fail_closed = false;
    /// Plugin-facing command-line options it consumes, without dashes ("include", "exclude").
    std::vector<std::string> options;
    /// The configuration keys it owns, with their types and defaults ("config" in plugin.json).
    std::vector<config::key_rule> config_keys;
};

/// A manifest that cannot be used; what() is one line "PATH: what is wrong".
class manifest_error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// Reads and validates a plugin.json. Throws manifest_error.
manifest read_manifest(std::filesystem::path const& plugin_json);

/// Validates manifest JSON text; `origin` prefixes error messages. Throws manifest_error.
manifest parse_manifest(std::string_view json_text, std::string const& origin);

/// True for a valid plugin id: [a-z][a-z0-9_]*, at most 64 characters.
bool valid_plugin_id(std::string_view id);

/// True for a valid option name as written after "--": [a-z][a-z0-9-]*, at most 64 characters.
bool valid_option_name(std::string_view name);

} // namespace pico::plugins
