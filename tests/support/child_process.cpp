#include "support/child_process.hpp"

#include "support/wait.hpp"

#include <cerrno>
#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <system_error>
#include <unistd.h>

extern char** environ;

namespace pico::test_support {
namespace {

// After the child exits, a grandchild may still hold the pipes open; stop reading after this.
constexpr auto drain_limit = std::chrono::seconds(2);

std::vector<std::string> merged_environment(std::map<std::string, std::string> const& overrides)
{
    std::map<std::string, std::string> vars;
    for (char** e = environ; e && *e; ++e) {
        std::string const entry(*e);
        auto const eq = entry.find('=');
        if (eq != std::string::npos)
            vars[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    for (auto const& [k, v] : overrides)
        vars[k] = v;
    std::vector<std::string> out;
    out.reserve(vars.size());
    for (auto const& [k, v] : vars)
        out.push_back(k + "=" + v);
    return out;
}

std::vector<char*> c_strings(std::vector<std::string>& strings)
{
    std::vector<char*> out;
    out.reserve(strings.size() + 1);
    for (auto& s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

// Owns the spawn attributes for the duration of the constructor.
struct file_actions {
    posix_spawn_file_actions_t actions;
    file_actions() { ::posix_spawn_file_actions_init(&actions); }
    ~file_actions() { ::posix_spawn_file_actions_destroy(&actions); }
    file_actions(file_actions const&) = delete;
    file_actions& operator=(file_actions const&) = delete;
};

} // namespace

child_process::child_process(std::string const& program, std::vector<std::string> const& args,
                             std::map<std::string, std::string> const& env, std::filesystem::path const& cwd)
{
    int out_pipe[2], err_pipe[2];
    // O_CLOEXEC: no other child (or grandchild) inherits these ends by accident.
    if (::pipe2(out_pipe, O_CLOEXEC) != 0)
        throw std::system_error(errno, std::generic_category(), "pipe");
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        int const saved = errno;
        ::close(out_pipe[0]);
        ::close(out_pipe[1]);
        throw std::system_error(saved, std::generic_category(), "pipe");
    }

    file_actions fa;
    ::posix_spawn_file_actions_addopen(&fa.actions, 0, "/dev/null", O_RDONLY, 0);
    ::posix_spawn_file_actions_adddup2(&fa.actions, out_pipe[1], 1);
    ::posix_spawn_file_actions_adddup2(&fa.actions, err_pipe[1], 2);
    if (!cwd.empty())
        ::posix_spawn_file_actions_addchdir_np(&fa.actions, cwd.c_str());

    std::vector<std::string> argv_strings;
    argv_strings.push_back(program);
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    auto env_strings = merged_environment(env);
    auto argv = c_strings(argv_strings);
    auto envp = c_strings(env_strings);

    // posix_spawn, not fork: the parent runs libtorrent threads, and a forked copy of a
    // multi-threaded process may only call async-signal-safe functions before exec.
    bool const search = program.find('/') == std::string::npos;
    int const rc =
        search ? ::posix_spawnp(&m_pid, program.c_str(), &fa.actions, nullptr, argv.data(), envp.data())
               : ::posix_spawn(&m_pid, program.c_str(), &fa.actions, nullptr, argv.data(), envp.data());
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (rc != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        m_pid = -1;
        throw std::system_error(rc, std::generic_category(), "cannot start " + program);
    }
    m_out.fd = out_pipe[0];
    m_err.fd = err_pipe[0];
    m_out.reader = std::thread([this] { read_loop(m_out); });
    m_err.reader = std::thread([this] { read_loop(m_err); });
}

child_process::~child_process()
{
    if (m_pid > 0 && !try_reap(false)) {
        ::kill(m_pid, SIGKILL);
        try_reap(true);
    }
    finish_readers();
}

void child_process::read_loop(stream& s)
{
    char buf[8192];
    for (;;) {
        pollfd p{s.fd, POLLIN, 0};
        int const n = ::poll(&p, 1, 100);
        if (n < 0 && errno != EINTR)
            break;
        if (n > 0) {
            auto const got = ::read(s.fd, buf, sizeof buf);
            if (got > 0) {
                std::lock_guard<std::mutex> lock(m_mutex);
                s.text.append(buf, static_cast<std::size_t>(got));
                continue;
            }
            if (got == 0 || (errno != EINTR && errno != EAGAIN))
                break; // EOF: every writer has closed its end
            continue;
        }
        if (m_exited.load()) {
            std::lock_guard<std::mutex> lock(m_mutex);
            if (std::chrono::steady_clock::now() - m_exited_at > drain_limit)
                break;
        }
    }
}

bool child_process::try_reap(bool block)
{
    if (m_exit_code)
        return true;
    int status = 0;
    pid_t r;
    do {
        r = ::waitpid(m_pid, &status, block ? 0 : WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == 0)
        return false;
    int code = -1;
    if (r == m_pid && WIFEXITED(status))
        code = WEXITSTATUS(status);
    else if (r == m_pid && WIFSIGNALED(status))
        code = 128 + WTERMSIG(status);
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_exited_at = std::chrono::steady_clock::now();
    }
    m_exit_code = code;
    m_exited.store(true);
    return true;
}

void child_process::finish_readers()
{
    for (auto* s : {&m_out, &m_err}) {
        if (s->reader.joinable())
            s->reader.join();
        if (s->fd >= 0) {
            ::close(s->fd);
            s->fd = -1;
        }
    }
}

int child_process::wait(std::chrono::milliseconds timeout)
{
    if (!wait_until([this] { return try_reap(false); }, timeout, std::chrono::milliseconds(10)))
        return -1;
    // All output is in once wait() returns.
    finish_readers();
    return *m_exit_code;
}

bool child_process::running()
{
    return !try_reap(false);
}

void child_process::kill(int sig)
{
    if (m_pid > 0 && !try_reap(false))
        ::kill(m_pid, sig);
}

std::string child_process::stdout_text() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_out.text;
}

std::string child_process::stderr_text() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_err.text;
}

bool child_process::wait_for_text(stream const& s, std::string const& needle,
                                  std::chrono::milliseconds timeout)
{
    bool found = false;
    wait_until(
        [&] {
            bool const exited = !running();
            if (exited)
                finish_readers(); // the last output may still be in the pipe
            std::lock_guard<std::mutex> lock(m_mutex);
            found = s.text.find(needle) != std::string::npos;
            return found || exited;
        },
        timeout, std::chrono::milliseconds(10));
    return found;
}

bool child_process::wait_for_stdout(std::string const& needle, std::chrono::milliseconds timeout)
{
    return wait_for_text(m_out, needle, timeout);
}

bool child_process::wait_for_stderr(std::string const& needle, std::chrono::milliseconds timeout)
{
    return wait_for_text(m_err, needle, timeout);
}

} // namespace pico::test_support
