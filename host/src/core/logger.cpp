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
    case sdk::log_level::debug: return "debug";
    case sdk::log_level::info: return "info";
    case sdk::log_level::warning: return "warning";
    case sdk::log_level::error: return "error";
    }
    return "info";
}

logger::logger(sdk::log_level min_level) : m_min_level(min_level) {}

void logger::open_file(std::filesystem::path const& file)
{
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    std::lock_guard lock(m_mutex);
    m_file.open(file, std::ios::app);
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
    std::string line = utc_timestamp();
    line += ' ';
    line += to_string(level);
    line += " [";
    line += source;
    line += "] ";
    for (char c : message)
        line += (c == '\n' || c == '\r') ? ' ' : c;
    line += '\n';

    std::lock_guard lock(m_mutex);
    if (level < m_min_level)
        return;
    if (level >= m_console_level)
        std::cerr << line << std::flush;
    if (m_file.is_open())
        m_file << line << std::flush;
}

} // namespace pico::core
