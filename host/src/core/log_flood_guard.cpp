#include "core/log_flood_guard.hpp"

namespace pico::core {

log_flood_guard::log_flood_guard(std::size_t max_lines, std::chrono::seconds window, clock now)
    : m_max_lines(max_lines), m_window(window), m_now(std::move(now))
{
}

log_flood_guard::verdict log_flood_guard::admit(std::string_view level, std::string_view source,
                                                std::string_view message)
{
    verdict out;
    auto const now = m_now();

    std::string key;
    key.reserve(level.size() + source.size() + message.size() + 2);
    key.append(level).append(1, '\0').append(source).append(1, '\0').append(message);
    if (key == m_last_key) {
        ++m_repeats;
        out.write = false;
        return out;
    }
    if (m_repeats > 0) {
        out.notes.emplace_back(m_last_source, "last line repeated " + std::to_string(m_repeats) +
                                                  (m_repeats == 1 ? " time" : " times"));
        m_repeats = 0;
    }
    m_last_key = std::move(key);
    m_last_source = std::string(source);

    // Debug lines were asked for: the budget is not theirs (rotation still bounds the file).
    if (level == "debug")
        return out;
    auto it = m_sources.find(source);
    if (it == m_sources.end())
        it = m_sources.emplace(std::string(source), window_state{now, 0, 0}).first;
    auto& w = it->second;
    if (now - w.start >= m_window) {
        if (w.suppressed > 0)
            out.notes.emplace_back(std::string(source),
                                   std::to_string(w.suppressed) + " lines suppressed in " +
                                       std::to_string(m_window.count()) + " s (more than " +
                                       std::to_string(m_max_lines) + ")");
        w = window_state{now, 0, 0};
    }
    if (w.written >= m_max_lines) {
        if (w.suppressed++ == 0)
            out.notes.emplace_back(std::string(source), "more than " + std::to_string(m_max_lines) +
                                                            " lines in " + std::to_string(m_window.count()) +
                                                            " s: holding the rest back, a count follows");
        out.write = false;
        // So a repeat of this held-back line is not reported as "repeated" later.
        m_last_key.clear();
        return out;
    }
    ++w.written;
    return out;
}

} // namespace pico::core
