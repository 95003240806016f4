// A fresh directory per test, removed afterwards.
#pragma once

#include <filesystem>

namespace pico::test_support {

/// Creates a unique directory under $TMPDIR (or /tmp) and removes it with its contents at
/// destruction, unless the environment sets PICO_KEEP_TEST_DIRS (then its path goes to stderr).
class temp_dir {
  public:
    /// Creates the directory; throws std::system_error when it cannot.
    temp_dir();
    ~temp_dir();
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;

    /// The directory.
    std::filesystem::path const& path() const { return m_path; }

  private:
    std::filesystem::path m_path;
};

} // namespace pico::test_support
