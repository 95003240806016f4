#include "app/progress_display.hpp"

#include "util/byte_size.hpp"

#include <unistd.h>

namespace pico::app {

std::string format_eta(std::int64_t s)
{
    if (s < 0)
        return "--";
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lldh%02lldm", static_cast<long long>(s / 3600),
                      static_cast<long long>(s % 3600 / 60));
    else if (s >= 60)
        std::snprintf(buf, sizeof buf, "%lldm%02llds", static_cast<long long>(s / 60),
                      static_cast<long long>(s % 60));
    else
        std::snprintf(buf, sizeof buf, "%llds", static_cast<long long>(s));
    return buf;
}

progress_display::progress_display() : m_tty(::isatty(STDERR_FILENO) == 1) {}

void progress_display::update(sdk::torrent_snapshot const& t, bool force)
{
    auto const now = std::chrono::steady_clock::now();
    if (!force && !m_tty && now - m_last_line < std::chrono::seconds(5))
        return;
    m_last_line = now;

    double const fraction =
        t.total_wanted > 0 ? static_cast<double>(t.total_wanted_done) / static_cast<double>(t.total_wanted)
                           : t.progress;
    int const peers = t.seeds_connected + t.nonseeds_connected;
    char line[256];
    if (m_tty) {
        constexpr int width = 30;
        int const filled = static_cast<int>(fraction * width);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.resize(width, '.');
        std::snprintf(line, sizeof line, "\r[%s] %5.1f%%  %s/s  %d peer%s  ETA %s\x1b[K", bar.c_str(),
                      fraction * 100.0, util::format_size(t.download_rate).c_str(), peers,
                      peers == 1 ? "" : "s", format_eta(t.eta).c_str());
        m_drawn = true;
    } else {
        std::snprintf(line, sizeof line, "%5.1f%%  %s of %s  %s/s  %d peer%s  ETA %s\n", fraction * 100.0,
                      util::format_size(t.total_wanted_done).c_str(),
                      util::format_size(t.total_wanted).c_str(), util::format_size(t.download_rate).c_str(),
                      peers, peers == 1 ? "" : "s", format_eta(t.eta).c_str());
    }
    std::fputs(line, stderr);
    std::fflush(stderr);
}

void progress_display::finish()
{
    if (m_drawn)
        std::fputs("\n", stderr);
    m_drawn = false;
}

} // namespace pico::app
