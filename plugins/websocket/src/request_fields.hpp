// Readers for the fields requests share; each throws request_error naming the field.
#pragma once

#include "request_types.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace pico::websocket {

/// The string at `key`; throws when absent or not a string.
std::string const& required_string(nlohmann::json const& message, char const* key);

/// The boolean at `key`, false when absent or null; throws when not a boolean.
bool optional_bool(nlohmann::json const& message, char const* key);

/// A non-negative integer at `key` below 2^31 (libtorrent's limit type), unset when absent or null.
std::optional<std::int64_t> optional_limit(nlohmann::json const& message, char const* key);

/// "info_hash": 40 or 64 hex characters, returned lowercase.
std::string info_hash_of(nlohmann::json const& message);

} // namespace pico::websocket
