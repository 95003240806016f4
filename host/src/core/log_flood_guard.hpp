// Keeps one noisy source from flooding the log: an exact repeat of the previous line is
// counted instead of written ("last line repeated N times"), and each source may write at most
// `max_lines` lines per `window` (debug lines excepted); the rest are counted and reported
// once the window ends.
// Issue 9 found 16,000 refused handshakes writing 1.5 MB of log in 2.7 s.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pico::core {

/// Decides which lines to write; not thread-safe (the logger holds its lock around it).
class log_flood_guard {
  public:
    /// The clock, replaceable for tests.
    using clock = std::function<std::chrono::steady_clock::time_point()>;

    /// At most `max_lines` per source per `window`.
    explicit log_flood_guard(std::size_t max_lines = 200,
                             std::chrono::seconds window = std::chrono::seconds(10),
                             clock now = std::chrono::steady_clock::now);

    /// The lines to write for one new line (key: level, source and message): summaries of what
    /// was held back first, then the line itself unless it is held back.
    struct verdict {
        /// "SOURCE: N lines suppressed ..." / "last line repeated N times", to write first.
        std::vector<std::pair<std::string, std::string>> notes; // (source, text)
        /// False when the line is counted instead of written.
        bool write = true;
    };

    /// Judges one line.
    verdict admit(std::string_view level, std::string_view source, std::string_view message);

  private:
    struct window_state {
        std::chrono::steady_clock::time_point start;
        std::size_t written = 0;
        std::size_t suppressed = 0;
    };

    std::size_t m_max_lines;
    std::chrono::seconds m_window;
    clock m_now;
    std::string m_last_key;
    std::string m_last_source;
    std::size_t m_repeats = 0;
    std::map<std::string, window_state, std::less<>> m_sources;
};

} // namespace pico::core
