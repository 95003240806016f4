// picotorrent.log, bounded: when it would grow past `max_bytes` it becomes picotorrent.log.1
// (and .1 becomes .2, ...; the oldest of `generations` is deleted), and a new file starts.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>

namespace pico::core {

/// An append-only log file with size-bounded generations. Not thread-safe.
class rotating_log_file {
  public:
    /// 10 MiB per file.
    static constexpr std::uintmax_t default_max_bytes = 10 * 1024 * 1024;
    /// picotorrent.log plus .1, .2, .3.
    static constexpr int default_generations = 3;

    /// Opens (appends to) `file`, creating its directory; is_open() says whether it worked.
    bool open(std::filesystem::path file, std::uintmax_t max_bytes = default_max_bytes,
              int generations = default_generations);
    /// True when lines go to a file.
    bool is_open() const { return m_out.is_open(); }
    /// Appends `line` (which ends in '\n'), rotating first when it would not fit.
    void write(std::string_view line);

  private:
    void rotate();

    std::filesystem::path m_file;
    std::ofstream m_out;
    std::uintmax_t m_size = 0;
    std::uintmax_t m_max_bytes = default_max_bytes;
    int m_generations = default_generations;
};

} // namespace pico::core
