// One host per state directory: two hosts on one directory would overwrite each other's
// resume data and session state.
#pragma once

#include <filesystem>

namespace pico::persistence {

/// An exclusive flock on <state_dir>/lock, held for the object's lifetime. The file holds the
/// owner's pid so the refusal can name it. The kernel drops the lock when the process dies, so
/// a kill -9 leaves nothing to clean up.
class state_dir_lock {
  public:
    /// Creates the directory and takes the lock. Throws std::runtime_error with one line
    /// ("... is in use by picotorrent pid N") when another process holds it, or
    /// std::system_error when the lock file cannot be opened.
    explicit state_dir_lock(std::filesystem::path const& state_dir);
    ~state_dir_lock();
    state_dir_lock(state_dir_lock const&) = delete;
    state_dir_lock& operator=(state_dir_lock const&) = delete;

  private:
    int m_fd = -1;
};

} // namespace pico::persistence
