// Hashing progress for `create`: a line redrawn in place on a terminal, a plain line
// every few seconds otherwise (logs, CI), and always one at 100%.
#pragma once

#include <chrono>
#include <ostream>

namespace pico::cli {

/// Draws "hashing: 42% (21/50 pieces)" on a stream, rate-limited.
class hash_progress {
  public:
    /// `tty` selects in-place redraws; `interval` is the minimum time between two lines.
    hash_progress(std::ostream& out, bool tty, std::chrono::steady_clock::duration interval);
    /// Reports `done` of `total` pieces; the last piece is always shown.
    void update(int done, int total);
    /// Ends an in-place line so later output starts on a fresh line.
    void finish();

  private:
    std::ostream& m_out;
    bool m_tty;
    std::chrono::steady_clock::duration m_interval;
    std::chrono::steady_clock::time_point m_last{};
    bool m_drawn = false;
};

} // namespace pico::cli
