// Outside text (torrent keys, paths, URLs) made safe to quote in a one-line message.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pico::cli {

/// util::printable under the cli's name: control bytes escaped, cut to `max` bytes, so a message
/// stays one short line and no ESC sequence reaches the terminal.
std::string echo(std::string_view text, std::size_t max = 120);

} // namespace pico::cli
