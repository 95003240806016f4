#include "cli/formatting.hpp"

#include <cstdio>

namespace pico::cli {
namespace {

struct civil_date {
    std::int64_t year;
    unsigned month;
    unsigned day;
};

// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's civil_from_days), in
// 64-bit arithmetic: gmtime's int year overflows for the dates a crafted torrent can name.
civil_date civil_from_days(std::int64_t z)
{
    z += 719468;
    std::int64_t const era = (z >= 0 ? z : z - 146096) / 146097;
    auto const doe = static_cast<unsigned>(z - era * 146097);
    unsigned const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    unsigned const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned const mp = (5 * doy + 2) / 153;
    unsigned const d = doy - (153 * mp + 2) / 5 + 1;
    unsigned const m = mp < 10 ? mp + 3 : mp - 9;
    std::int64_t const y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    return {y, m, d};
}

} // namespace

std::string format_utc_iso8601(std::int64_t seconds_since_epoch)
{
    constexpr std::int64_t day = 86400;
    std::int64_t days = seconds_since_epoch / day;
    std::int64_t secs = seconds_since_epoch % day;
    if (secs < 0) {
        secs += day;
        --days;
    }
    auto const date = civil_from_days(days);
    // Years past 9999 use ISO 8601's expanded form: a sign and more than four digits.
    char const* const year_format = date.year > 9999 ? "+%lld" : "%04lld";
    char year[32];
    std::snprintf(year, sizeof year, year_format, static_cast<long long>(date.year));
    char buf[96];
    std::snprintf(buf, sizeof buf, "%s-%02u-%02uT%02d:%02d:%02dZ", year, date.month, date.day,
                  static_cast<int>(secs / 3600), static_cast<int>(secs % 3600 / 60),
                  static_cast<int>(secs % 60));
    return buf;
}

} // namespace pico::cli
