// Crash-safe file replacement: readers see the old file or the new one, never a mix.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace pico::util {

/// Writes `contents` to a temporary file beside `path`, fsyncs it, renames it over `path`
/// and fsyncs the directory. Creates missing parent directories. `mode` applies to new files.
/// Throws std::system_error naming the path on failure; `path` is then untouched.
void write_file_atomically(std::filesystem::path const& path, std::string_view contents, unsigned mode = 0644);

/// Reads a whole file. Throws std::system_error naming the path on failure.
std::string read_file(std::filesystem::path const& path);

} // namespace pico::util
