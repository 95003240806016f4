#include "core/rotating_log_file.hpp"

#include <string>

namespace pico::core {

namespace fs = std::filesystem;

namespace {

fs::path generation(fs::path const& file, int n)
{
    return fs::path(file.string() + "." + std::to_string(n));
}

} // namespace

bool rotating_log_file::open(fs::path file, std::uintmax_t max_bytes, int generations)
{
    m_file = std::move(file);
    m_max_bytes = max_bytes;
    m_generations = generations;
    std::error_code ec;
    fs::create_directories(m_file.parent_path(), ec);
    m_out.open(m_file, std::ios::app);
    auto const size = fs::file_size(m_file, ec);
    m_size = ec ? 0 : size;
    return m_out.is_open();
}

void rotating_log_file::write(std::string_view line)
{
    if (!m_out.is_open())
        return;
    if (m_size > 0 && m_size + line.size() > m_max_bytes)
        rotate();
    m_out << line << std::flush;
    m_size += line.size();
}

void rotating_log_file::rotate()
{
    m_out.close();
    // Errors are ignored on purpose: a log that cannot rotate keeps appending rather than
    // losing lines or stopping the host.
    std::error_code ec;
    fs::remove(generation(m_file, m_generations), ec);
    for (int n = m_generations - 1; n >= 1; --n)
        fs::rename(generation(m_file, n), generation(m_file, n + 1), ec);
    fs::rename(m_file, generation(m_file, 1), ec);
    m_out.open(m_file, std::ios::app);
    m_size = 0;
}

} // namespace pico::core
