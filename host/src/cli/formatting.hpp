// Small value formatters shared by the inspect and create output. Hex and byte sizes live in
// util/ (the session and the progress line use them too); the cli names them here.
#pragma once

#include "util/byte_size.hpp"
#include "util/hex.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace pico::cli {

using util::format_size;
using util::to_hex;

/// UTC ISO 8601 with a Z suffix, e.g. "2024-01-02T03:04:05Z"; years past 9999 in ISO 8601's
/// expanded form, e.g. "+10000-01-01T00:00:00Z". Any int64 converts.
std::string format_utc_iso8601(std::int64_t seconds_since_epoch);

} // namespace pico::cli
