#include "formatting.hpp"

namespace pico::gui {

QString status_text(sdk::status_code code)
{
    using sc = sdk::status_code;
    switch (code) {
    case sc::checking_resume_data:
        return QStringLiteral("Checking resume data");
    case sc::complete:
        return QStringLiteral("Complete");
    case sc::downloading:
        return QStringLiteral("Downloading");
    case sc::downloading_checking:
        return QStringLiteral("Downloading (checking)");
    case sc::downloading_forced:
        return QStringLiteral("Downloading (forced)");
    case sc::downloading_metadata:
        return QStringLiteral("Downloading metadata");
    case sc::downloading_paused:
        return QStringLiteral("Paused");
    case sc::downloading_queued:
        return QStringLiteral("Queued");
    case sc::downloading_stalled:
        return QStringLiteral("Stalled");
    case sc::error:
        return QStringLiteral("Error");
    case sc::uploading:
        return QStringLiteral("Seeding");
    case sc::uploading_checking:
        return QStringLiteral("Seeding (checking)");
    case sc::uploading_forced:
        return QStringLiteral("Seeding (forced)");
    case sc::uploading_paused:
        return QStringLiteral("Finished");
    case sc::uploading_queued:
        return QStringLiteral("Queued (seeding)");
    case sc::uploading_stalled:
        return QStringLiteral("Seeding (stalled)");
    case sc::unknown:
        break;
    }
    return QStringLiteral("Unknown");
}

QString size_text(std::int64_t bytes)
{
    static char const* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes);
    int unit = 0;
    while (value >= 1024.0 && unit < 4) {
        value /= 1024.0;
        ++unit;
    }
    return unit == 0 ? QStringLiteral("%1 B").arg(bytes)
                     : QStringLiteral("%1 %2")
                           .arg(value, 0, 'f', value < 10 ? 2 : 1)
                           .arg(QLatin1String(units[unit]));
}

QString rate_text(std::int64_t bytes_per_second)
{
    return bytes_per_second <= 0 ? QString() : size_text(bytes_per_second) + QStringLiteral("/s");
}

QString eta_text(std::int64_t seconds)
{
    if (seconds < 0)
        return QStringLiteral("∞");
    if (seconds >= 86400)
        return QStringLiteral("%1d %2h").arg(seconds / 86400).arg((seconds % 86400) / 3600);
    if (seconds >= 3600)
        return QStringLiteral("%1h %2m")
            .arg(seconds / 3600)
            .arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
    if (seconds >= 60)
        return QStringLiteral("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1s").arg(seconds);
}

status_group group_of(sdk::status_code code)
{
    using sc = sdk::status_code;
    switch (code) {
    case sc::downloading:
    case sc::downloading_checking:
    case sc::downloading_forced:
    case sc::downloading_metadata:
    case sc::downloading_queued:
    case sc::downloading_stalled:
    case sc::checking_resume_data:
        return status_group::downloading;
    case sc::complete:
    case sc::uploading:
    case sc::uploading_checking:
    case sc::uploading_forced:
    case sc::uploading_queued:
    case sc::uploading_stalled:
        return status_group::seeding;
    case sc::downloading_paused:
    case sc::uploading_paused:
        return status_group::paused;
    case sc::error:
        return status_group::error;
    case sc::unknown:
        break;
    }
    return status_group::other;
}

} // namespace pico::gui
