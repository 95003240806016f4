// The host's log: one line per message, to stderr and to <state-dir>/picotorrent.log.
#pragma once

#include <picotorrent/sdk/host.hpp>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <string_view>

namespace pico::core {

/// Thread-safe line logger. Lines look like "2026-11-21T10:00:00Z info [websocket] message".
class logger {
public:
    /// Logs to stderr only, at `min_level` and above.
    explicit logger(sdk::log_level min_level = sdk::log_level::info);
    /// Also appends to `file` (created with its directory); stderr keeps working if it cannot be opened.
    void open_file(std::filesystem::path const& file);
    /// Writes one line; newlines inside `message` are replaced so a line stays a line.
    void write(sdk::log_level level, std::string_view source, std::string_view message);
    /// Changes the threshold.
    void set_level(sdk::log_level level);
    /// Raises the threshold for stderr only (the file keeps every line at or above set_level's):
    /// one-shot commands show warnings and errors on the terminal, the whole story in the file.
    void set_console_level(sdk::log_level level);

private:
    std::mutex m_mutex;
    std::ofstream m_file;
    sdk::log_level m_min_level;
    sdk::log_level m_console_level = sdk::log_level::debug;
};

/// Lowercase name of a level ("debug", "info", "warning", "error").
std::string_view to_string(sdk::log_level level);

} // namespace pico::core
