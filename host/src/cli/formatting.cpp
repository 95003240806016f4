#include "cli/formatting.hpp"

#include <cstdio>
#include <ctime>

namespace pico::cli {

std::string format_utc_iso8601(std::int64_t seconds_since_epoch)
{
    auto const t = static_cast<std::time_t>(seconds_since_epoch);
    std::tm tm{};
    char buf[64];
    if (::gmtime_r(&t, &tm) == nullptr || std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return std::to_string(seconds_since_epoch);
    return buf;
}

} // namespace pico::cli
