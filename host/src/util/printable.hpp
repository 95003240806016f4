// Text from outside (config values, file names, keys) made safe to echo in a one-line message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pico::util {

/// `text` with every control character (C0, DEL, C1) and every byte that is not valid UTF-8
/// written as an escape (\n, \t, \r, \e, \\, \xHH, \u0085), so it cannot split a line or reach
/// the terminal as an escape sequence; longer than `max` bytes of output, it is cut at a
/// character boundary and ends in "...". Valid UTF-8 text stays as it is.
std::string printable(std::string_view text, std::size_t max = 200);

} // namespace pico::util
