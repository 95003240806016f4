// Text the GUI shows for numbers and status codes.
#pragma once

#include <QString>
#include <cstdint>
#include <picotorrent/sdk/torrent.hpp>

namespace pico::gui {

/// The reference's wording for each status code, -1..15.
QString status_text(sdk::status_code code);
/// 1.5 MiB, 12 KiB, 300 B.
QString size_text(std::int64_t bytes);
/// "1.5 MiB/s", empty for 0.
QString rate_text(std::int64_t bytes_per_second);
/// "1h 02m", "3m 05s", "∞" for -1.
QString eta_text(std::int64_t seconds);

/// Which status filter a code belongs to.
enum class status_group { downloading, seeding, paused, error, other };
/// The group of a status code (all/downloading/seeding/paused/error filters).
status_group group_of(sdk::status_code code);

} // namespace pico::gui
