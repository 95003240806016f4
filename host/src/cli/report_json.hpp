// The `inspect --json` output. The schema is documented in docs/inspect-json.md; keep
// the two in step and bump json_schema_version on any incompatible change.
#pragma once

#include "cli/torrent_report.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace pico::cli {

/// The "schema_version" written by report_to_json.
inline constexpr int json_schema_version = 1;

/// The report as a JSON object, keys in documented order. `show_pieces` adds "pieces"
/// and each file's "piece_layer".
nlohmann::ordered_json report_to_json(torrent_report const& report, bool show_pieces);

/// report_to_json serialized with two-space indentation; bytes that are not UTF-8 become U+FFFD.
std::string report_to_json_text(torrent_report const& report, bool show_pieces);

} // namespace pico::cli
