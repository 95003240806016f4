// Parsing JSON from outside with a nesting limit: nlohmann's copy and comparison recurse,
// so a deeply nested value from a client would overflow the stack far from the parse.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

namespace pico::websocket {

/// Deepest nesting accepted in a client message (commands need 3 levels; settings a few more).
inline constexpr std::size_t max_message_depth = 32;

/// Depth limit for the host's own configuration text (the host bounds the file's depth already).
inline constexpr std::size_t max_config_depth = 128;

/// Parses `text`; a discarded value when it is not JSON or nests deeper than `max_depth`.
/// Never throws.
nlohmann::json parse_limited(std::string_view text, std::size_t max_depth = max_message_depth);

} // namespace pico::websocket
