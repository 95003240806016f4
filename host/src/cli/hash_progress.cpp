#include "cli/hash_progress.hpp"

namespace pico::cli {

hash_progress::hash_progress(std::ostream& out, bool tty, std::chrono::steady_clock::duration interval)
    : m_out(out), m_tty(tty), m_interval(interval)
{
}

void hash_progress::update(int done, int total)
{
    auto const now = std::chrono::steady_clock::now();
    bool const last = done >= total;
    if (!last && m_drawn && now - m_last < m_interval)
        return;
    m_last = now;
    int const percent = total > 0 ? static_cast<int>(static_cast<long long>(done) * 100 / total) : 100;
    if (m_tty)
        m_out << "\rhashing: " << percent << "% (" << done << '/' << total << " pieces)\x1b[K" << std::flush;
    else
        m_out << "hashing: " << percent << "% (" << done << '/' << total << " pieces)\n" << std::flush;
    m_drawn = true;
}

void hash_progress::finish()
{
    if (m_tty && m_drawn)
        m_out << '\n' << std::flush;
    m_drawn = false;
}

} // namespace pico::cli
