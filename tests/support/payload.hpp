// Deterministic test payloads and byte-exact comparison.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace pico::test_support {

/// One file of a payload: path relative to the payload directory, and size in bytes.
struct payload_file {
    std::string path;
    std::int64_t size = 0;
};

/// Writes each file under `dir` (creating folders) with pseudo-random bytes that depend only on
/// `seed` and the file's path, so two calls with the same arguments produce identical files.
/// Returns the total number of bytes written. Throws std::system_error on I/O errors.
std::int64_t make_payload(std::filesystem::path const& dir, std::vector<payload_file> const& files,
                          std::uint64_t seed);

/// True when `a` and `b` are both regular files with the same bytes, or both directories holding the
/// same relative paths with equal files. When they differ and `why` is given, it names the first difference.
bool files_equal(std::filesystem::path const& a, std::filesystem::path const& b, std::string* why = nullptr);

} // namespace pico::test_support
