// The human-readable `inspect` output: aligned "key: value" lines, then the file table.
#pragma once

#include "cli/torrent_report.hpp"

#include <ostream>

namespace pico::cli {

/// Writes the report; with `show_pieces`, every v1 piece hash and every v2 piece layer follow.
void write_text_report(std::ostream& out, torrent_report const& report, bool show_pieces);

} // namespace pico::cli
