// Runs a program (usually the picotorrent binary) the way a user would, and watches it.
#pragma once

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <sys/types.h>
#include <thread>
#include <vector>

namespace pico::test_support {

/// A child process with stdout and stderr captured (each read on its own thread) and stdin
/// from /dev/null. The destructor sends SIGKILL to this child only, by PID, if it still runs,
/// and reaps it.
class child_process {
  public:
    /// Starts `program` (searched in PATH when it has no '/') with `args`. `env` entries are set
    /// on top of this process's environment; `cwd`, when given, is its working directory.
    /// Throws std::system_error when it cannot be started.
    child_process(std::string const& program, std::vector<std::string> const& args,
                  std::map<std::string, std::string> const& env = {}, std::filesystem::path const& cwd = {});
    ~child_process();
    child_process(child_process const&) = delete;
    child_process& operator=(child_process const&) = delete;

    /// Its process id.
    pid_t pid() const { return m_pid; }

    /// Waits up to `timeout` for it to exit. Returns its exit status (0..255), 128 + the signal
    /// number when a signal ended it, or -1 when it is still running after `timeout`.
    int wait(std::chrono::milliseconds timeout);

    /// True until it has exited (reaps it when it has).
    bool running();

    /// The result of wait() once it has exited; nullopt while it runs.
    std::optional<int> exit_code() const { return m_exit_code; }

    /// Sends `sig` (SIGKILL by default, SIGINT or SIGTERM for a clean stop) if it still runs.
    void kill(int sig = SIGKILL);

    /// Everything it has written to stdout so far.
    std::string stdout_text() const;
    /// Everything it has written to stderr so far.
    std::string stderr_text() const;

    /// Waits until its stdout contains `needle`; false when it exits or `timeout` passes first.
    bool wait_for_stdout(std::string const& needle, std::chrono::milliseconds timeout);
    /// Waits until its stderr contains `needle`; false when it exits or `timeout` passes first.
    bool wait_for_stderr(std::string const& needle, std::chrono::milliseconds timeout);

  private:
    struct stream {
        int fd = -1;
        std::string text;
        std::thread reader;
    };
    void read_loop(stream& s);
    bool try_reap(bool block);
    void finish_readers();
    bool wait_for_text(stream const& s, std::string const& needle, std::chrono::milliseconds timeout);

    pid_t m_pid = -1;
    std::optional<int> m_exit_code;
    std::atomic<bool> m_exited{false};
    std::chrono::steady_clock::time_point m_exited_at;
    mutable std::mutex m_mutex;
    stream m_out;
    stream m_err;
};

} // namespace pico::test_support
