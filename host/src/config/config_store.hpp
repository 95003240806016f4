// PicoTorrent.json: load, validate, change and save. Including this header gives the whole
// configuration API (errors, locations, defaults, libtorrent settings).
#pragma once

#include "config/config_error.hpp"
#include "config/config_paths.hpp"
#include "config/config_schema.hpp"
#include "config/json_text.hpp"
#include "config/settings_mapping.hpp"

#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace pico::config {

/// Whether a configuration file that does not exist is an empty configuration (the default
/// location) or an error (a file the user named with --config).
enum class missing_file { is_empty, is_error };

/// The configuration file and what the user wrote in it.
class config_store {
  public:
    /// Missing file -> empty document (the file is not created until a save), or config_error
    /// with missing_file::is_error. Unreadable file, file over max_json_file_bytes, parse error
    /// or an invalid host key -> throws config_error. // and /* */ comments are accepted.
    /// Plugins' keys are checked when they are added (add_plugin_keys).
    static config_store load(std::filesystem::path file, missing_file if_missing = missing_file::is_empty);

    /// The file this store reads and writes.
    std::filesystem::path const& file() const { return m_file; }

    /// What the user wrote, comments stripped (an object).
    nlohmann::json const& document() const { return m_document; }

    /// Where each key was written in the file as loaded (see key_positions); empty after a change.
    std::map<std::string, text_position> const& key_positions() const { return m_key_positions; }

    /// A top-level key, null when absent.
    nlohmann::json value(std::string const& key) const;

    /// Sets a top-level key or a dotted path ("session.active_seeds"); null removes it. Validates
    /// the result and saves atomically.
    /// Throws config_error and leaves document and file unchanged when invalid or unsaved.
    void set(std::string const& key, nlohmann::json value);

    /// Writes the document atomically with mode 0600; throws config_error on failure.
    void save() const;

    /// Adds an installed plugin's keys (from its manifest) and checks what the user wrote for
    /// them; from now on set() checks them too. Throws config_error "FILE: KEY: message".
    void add_plugin_keys(std::string const& plugin_id, std::vector<key_rule> rules);

    /// The host's keys and those of every plugin added.
    config_schema const& schema() const { return m_schema; }

  private:
    config_store(std::filesystem::path file, nlohmann::json document,
                 std::map<std::string, text_position> key_positions = {});

    static void write(std::filesystem::path const& file, nlohmann::json const& document);

    std::filesystem::path m_file;
    nlohmann::json m_document;
    std::map<std::string, text_position> m_key_positions;
    config_schema m_schema;
};

} // namespace pico::config
