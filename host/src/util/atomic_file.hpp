// Crash-safe file replacement: readers see the old file or the new one, never a mix.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace pico::util {

/// Writes `contents` to a temporary file beside `path`, fsyncs it, renames it over `path`
/// and fsyncs the directory. Creates missing parent directories. `mode` applies to new files.
/// Throws std::system_error naming the path on failure; `path` is then untouched.
void write_file_atomically(std::filesystem::path const& path, std::string_view contents,
                           unsigned mode = 0644);

/// Reads a whole file. Throws std::system_error naming the path on failure.
std::string read_file(std::filesystem::path const& path);

/// Reads a whole file of at most `max_bytes`: checks the size first and never reads more than
/// `max_bytes` + 1 bytes (so /dev/zero or a growing file cannot exhaust memory). Throws
/// std::system_error with std::errc::file_too_large when the file is bigger, or as read_file.
std::string read_file(std::filesystem::path const& path, std::size_t max_bytes);

} // namespace pico::util
