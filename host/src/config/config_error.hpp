// The one exception type the configuration code throws for bad input.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace pico::config {

/// A bad configuration, as one line: "FILE:LINE:COLUMN: message" (1-based) for parse errors,
/// "FILE: KEY: message" for invalid values, "FILE: message" for unreadable or unwritable files.
struct config_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Throws config_error "KEY: message" for an invalid value at the dotted key.
[[noreturn]] inline void fail_at_key(std::string_view key, std::string const& message)
{
    throw config_error(std::string(key) + ": " + message);
}

} // namespace pico::config
