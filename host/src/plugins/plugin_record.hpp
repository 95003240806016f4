// What the plugin manager knows about each plugin it found, and which ones to load.
#pragma once

#include "plugins/manifest.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pico::plugins {

/// Where a plugin is in its life (Qt Creator's Read -> Resolved -> Loaded -> Running -> Stopped, plus
/// refusals).
enum class plugin_state {
    /// Manifest read; nothing decided yet.
    discovered,
    /// Left out by the selection (--plugins, --no-plugins, the config's list, front end).
    not_selected,
    /// Could not be loaded or started; `reason` says why.
    refused,
    /// Library loaded and every check passed; not started.
    loaded,
    /// Started and receiving callbacks.
    running,
    /// Threw from a callback and was stopped; `reason` says why.
    disabled,
    /// Stopped at shutdown.
    stopped,
};

/// "discovered", "not selected", "refused", "loaded", "running", "disabled", "stopped".
std::string_view to_string(plugin_state s);

/// One discovered plugin.
struct plugin_record {
    /// Its manifest (for an unreadable manifest: only `id`, taken from the folder name).
    manifest info;
    /// The folder holding plugin.json and the library.
    std::filesystem::path directory;
    /// Where it is in its life.
    plugin_state state = plugin_state::discovered;
    /// One line: why it is refused, disabled or not selected; empty otherwise.
    std::string reason;
};

/// The record that owns each id: the first one with a readable manifest, in discovery order.
/// Later copies of an id are refused as duplicates and say nothing about the plugin itself.
std::vector<plugin_record const*> owners_of_ids(std::vector<plugin_record> const& records);

/// Which plugins to load: --plugins a,b (only) / --no-plugins (none) / config "plugins" list (only) / all.
struct selection {
    /// When set, only these ids (and the plugins they depend on).
    std::optional<std::vector<std::string>> only;
    /// No plugin at all (--no-plugins).
    bool none = false;
    /// Front ends (the GUI) may load; only `picotorrent gui` sets it.
    bool allow_front_end = false;
};

} // namespace pico::plugins
