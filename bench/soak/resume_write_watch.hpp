// Notices the moment the host starts writing resume data: write_file_atomically creates a
// temporary ".<hash>.resume.tmp.<pid>.<random>" beside the file it replaces.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>

namespace pico::soak {

/// An inotify watch on one resume directory (created here if missing), armed at construction
/// so no write after it is missed.
class resume_write_watch {
  public:
    explicit resume_write_watch(std::filesystem::path const& resume_dir);
    ~resume_write_watch();
    resume_write_watch(resume_write_watch const&) = delete;
    resume_write_watch& operator=(resume_write_watch const&) = delete;

    /// Returns true as soon as a resume write begins; false when `keep_waiting` returns false or
    /// `timeout` passes first.
    bool wait(std::chrono::milliseconds timeout, std::function<bool()> const& keep_waiting);

  private:
    int m_fd = -1;
};

} // namespace pico::soak
