#include "cli/formatting.hpp"

#include <cstdio>
#include <ctime>

namespace pico::cli {

std::string to_hex(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char const c : bytes) {
        auto const b = static_cast<unsigned char>(c);
        out += digits[b >> 4];
        out += digits[b & 0xf];
    }
    return out;
}

std::string format_utc_iso8601(std::int64_t seconds_since_epoch)
{
    auto const t = static_cast<std::time_t>(seconds_since_epoch);
    std::tm tm{};
    char buf[64];
    if (::gmtime_r(&t, &tm) == nullptr || std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return std::to_string(seconds_since_epoch);
    return buf;
}

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

} // namespace pico::cli
