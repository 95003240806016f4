// What parse_json_with_comments says of a text, for the configuration parser's tests.
#pragma once

#include "config/config_error.hpp"
#include "config/json_text.hpp"

#include <string>

namespace pico::config::test {

/// The one-line error for `text` parsed under the label "F", or "(parsed)" when it parses.
inline std::string error_for(std::string const& text)
{
    try {
        parse_json_with_comments(text, "F");
    } catch (config_error const& e) {
        return e.what();
    }
    return "(parsed)";
}

} // namespace pico::config::test
