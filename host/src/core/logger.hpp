// The host's log: one line per message, to stderr and to <state-dir>/picotorrent.log (rotated
// at 10 MiB, three old generations kept); repeats and floods are collapsed (log_flood_guard).
#pragma once

#include "core/log_flood_guard.hpp"
#include "core/rotating_log_file.hpp"

#include <filesystem>
#include <mutex>
#include <picotorrent/sdk/host.hpp>
#include <string_view>

namespace pico::core {

/// Thread-safe line logger. Lines look like "2026-11-21T10:00:00Z info [websocket] message".
class logger {
  public:
    /// Logs to stderr only, at `min_level` and above.
    explicit logger(sdk::log_level min_level = sdk::log_level::info,
                    log_flood_guard guard = log_flood_guard());
    /// Also appends to `file` (created with its directory), rotating past `max_bytes`; stderr
    /// keeps working if it cannot be opened.
    void open_file(std::filesystem::path const& file,
                   std::uintmax_t max_bytes = rotating_log_file::default_max_bytes);
    /// Writes one line; newlines inside `message` are replaced so a line stays a line.
    void write(sdk::log_level level, std::string_view source, std::string_view message);
    /// Changes the threshold.
    void set_level(sdk::log_level level);
    /// Raises the threshold for stderr only (the file keeps every line at or above set_level's):
    /// one-shot commands show warnings and errors on the terminal, the whole story in the file.
    void set_console_level(sdk::log_level level);

  private:
    void emit(sdk::log_level level, std::string_view source, std::string_view message);

    std::mutex m_mutex;
    rotating_log_file m_file;
    log_flood_guard m_guard;
    sdk::log_level m_min_level;
    sdk::log_level m_console_level = sdk::log_level::debug;
};

/// Lowercase name of a level ("debug", "info", "warning", "error").
std::string_view to_string(sdk::log_level level);

} // namespace pico::core
