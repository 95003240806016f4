// The configuration checked for keys nobody reads: typos like "sesion" or "enable_dth" would
// otherwise be accepted silently and leave the default (DHT on) in place.
#pragma once

#include "config/config_store.hpp"

#include <string>
#include <vector>

namespace pico::config {

/// What check_config found besides hard errors (which load() already threw).
struct config_report {
    /// One line each, "FILE:LINE:COLUMN: unknown key 'session.enable_dth' (did you mean
    /// 'session.enable_dht'?)": warnings, errors under --strict and in `config check`.
    std::vector<std::string> unknown_keys;
    /// One line each, "FILE:LINE:COLUMN: 'websocket' is not validated: no installed plugin
    /// declares it": top-level keys no installed plugin owns, kept as written (notes).
    std::vector<std::string> not_validated;
};

/// Reports every key of `store` that its schema (the host's and the installed plugins' keys)
/// does not know. A top-level key that is not a near typo of a known one belongs to a plugin
/// that is not installed: it is reported as not validated instead. What it echoes is printable.
config_report check_config(config_store const& store);

/// The known key within two edits of `key` (a swap counts as one), or "" when none is close.
std::string closest_key(std::string const& key, std::vector<std::string> const& known);

} // namespace pico::config
