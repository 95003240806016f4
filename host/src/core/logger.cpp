#include "core/logger.hpp"

#include <chrono>
#include <ctime>
#include <iostream>
#include <string>

namespace pico::core {
namespace {

std::string utc_timestamp()
{
    auto const now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

} // namespace

std::string_view to_string(sdk::log_level level)
{
    switch (level) {
    case sdk::log_level::debug:
        return "debug";
    case sdk::log_level::info:
        return "info";
    case sdk::log_level::warning:
        return "warning";
    case sdk::log_level::error:
        return "error";
    }
    return "info";
}

logger::logger(sdk::log_level min_level, log_flood_guard guard)
    : m_guard(std::move(guard)), m_min_level(min_level)
{
}

void logger::open_file(std::filesystem::path const& file, std::uintmax_t max_bytes)
{
    std::lock_guard lock(m_mutex);
    (void)m_file.open(file, max_bytes);
}

void logger::set_level(sdk::log_level level)
{
    std::lock_guard lock(m_mutex);
    m_min_level = level;
}

void logger::set_console_level(sdk::log_level level)
{
    std::lock_guard lock(m_mutex);
    m_console_level = level;
}

void logger::write(sdk::log_level level, std::string_view source, std::string_view message)
{
    std::lock_guard lock(m_mutex);
    if (level < m_min_level)
        return;
    auto const verdict = m_guard.admit(to_string(level), source, message);
    for (auto const& [note_source, note] : verdict.notes)
        emit(level, note_source, note);
    if (verdict.write)
        emit(level, source, message);
}

void logger::emit(sdk::log_level level, std::string_view source, std::string_view message)
{
    std::string line = utc_timestamp();
    line += ' ';
    line += to_string(level);
    line += " [";
    line += source;
    line += "] ";
    for (char c : message)
        line += (c == '\n' || c == '\r') ? ' ' : c;
    line += '\n';
    if (level >= m_console_level)
        std::cerr << line << std::flush;
    m_file.write(line);
}

} // namespace pico::core
