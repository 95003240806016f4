// Small value formatters shared by the inspect and create output.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pico::cli {

/// Lowercase hex of raw bytes.
std::string to_hex(std::string_view bytes);

/// UTC ISO 8601 with a Z suffix, e.g. "2024-01-02T03:04:05Z"; the plain number when the
/// value is outside what the C library can convert.
std::string format_utc_iso8601(std::int64_t seconds_since_epoch);

/// "256 KiB" / "1.5 MiB" style (binary units) for sizes shown next to exact byte counts.
std::string format_size(std::int64_t bytes);

} // namespace pico::cli
