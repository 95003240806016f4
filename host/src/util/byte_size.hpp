// Human-readable byte counts, shared by inspect, create and the progress line.
#pragma once

#include <cstdint>
#include <string>

namespace pico::util {

/// "256 KiB" / "1.5 MiB" style (binary units); whole numbers print without decimals.
std::string format_size(std::int64_t bytes);

} // namespace pico::util
