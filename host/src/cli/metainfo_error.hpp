// Why a .torrent could not be read: one line saying what is wrong and where.
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

namespace pico::cli {

/// A missing, unreadable or malformed .torrent. what() is one line ending in
/// "(at byte N)" when the problem has a location in the file.
class metainfo_error : public std::runtime_error {
  public:
    /// `problem` is one line without the location; `offset` is the byte it concerns, if any.
    metainfo_error(std::string const& problem, std::optional<std::int64_t> offset = std::nullopt);

    /// The problem without the location.
    std::string const& problem() const { return m_problem; }
    /// Byte offset in the file the problem concerns.
    std::optional<std::int64_t> offset() const { return m_offset; }

  private:
    std::string m_problem;
    std::optional<std::int64_t> m_offset;
};

} // namespace pico::cli
