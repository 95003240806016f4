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
};

/// Reports every key of `store` that is not in known_config_keys(). What it echoes is printable.
config_report check_config(config_store const& store);

/// The known key within two edits of `key` (a swap counts as one), or "" when none is close.
std::string closest_key(std::string const& key, std::vector<std::string> const& known);

} // namespace pico::config
