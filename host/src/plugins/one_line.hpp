// Refusals and manifest errors are one log line each, whatever text they quote.
#pragma once

#include <string>

namespace pico::plugins {

/// Replaces line breaks with spaces.
inline std::string one_line(std::string text)
{
    for (char& c : text) {
        if (c == '\n' || c == '\r')
            c = ' ';
    }
    return text;
}

} // namespace pico::plugins
