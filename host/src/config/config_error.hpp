// The one exception type the configuration code throws for bad input.
#pragma once

#include <stdexcept>

namespace pico::config {

/// A bad configuration, as one line: "FILE:LINE:COLUMN: message" (1-based) for parse errors,
/// "FILE: KEY: message" for invalid values, "FILE: message" for unreadable or unwritable files.
struct config_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

} // namespace pico::config
