#include "util/byte_size.hpp"

#include <cstdio>

namespace pico::util {

std::string format_size(std::int64_t bytes)
{
    char const* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
    auto value = static_cast<double>(bytes);
    int u = 0;
    while (value >= 1024.0 && u < 5) {
        value /= 1024.0;
        ++u;
    }
    char buf[32];
    // Whole numbers print without decimals: piece sizes read "256 KiB", not "256.0 KiB".
    bool const whole = value == static_cast<double>(static_cast<std::int64_t>(value));
    std::snprintf(buf, sizeof buf, whole ? "%.0f %s" : "%.1f %s", value, units[u]);
    return buf;
}

} // namespace pico::util
