// Progress output for one-shot commands: a bar that redraws in place on a terminal,
// one plain line every few seconds otherwise (logs, CI).
#pragma once

#include <chrono>
#include <cstdio>
#include <picotorrent/sdk/torrent.hpp>
#include <string>

namespace pico::app {

/// Draws download progress on stderr.
class progress_display {
  public:
    /// Detects whether stderr is a terminal.
    progress_display();
    /// Shows the torrent's state; rate-limited when not on a terminal unless `force` (the last
    /// line of a finished download must show where it ended, not the state 5 seconds earlier).
    void update(sdk::torrent_snapshot const& t, bool force = false);
    /// Ends the in-place line so later output starts on a fresh line.
    void finish();

  private:
    bool m_tty;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_last_line{};
};

/// "1h02m" / "3m04s" / "12s", or "--" when unknown.
std::string format_eta(std::int64_t seconds);

} // namespace pico::app
