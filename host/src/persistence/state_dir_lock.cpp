#include "persistence/state_dir_lock.hpp"

#include <cerrno>
#include <fcntl.h>
#include <stdexcept>
#include <string>
#include <sys/file.h>
#include <system_error>
#include <unistd.h>

namespace pico::persistence {
namespace {

std::string read_owner(int fd)
{
    char buf[32] = {};
    ssize_t const n = ::pread(fd, buf, sizeof buf - 1, 0);
    std::string pid(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' '))
        pid.pop_back();
    return pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos ? "unknown" : pid;
}

} // namespace

state_dir_lock::state_dir_lock(std::filesystem::path const& state_dir)
{
    std::filesystem::create_directories(state_dir);
    auto const file = state_dir / "lock";
    m_fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (m_fd < 0)
        throw std::system_error(errno, std::generic_category(), "cannot open " + file.string());
    if (::flock(m_fd, LOCK_EX | LOCK_NB) != 0) {
        int const err = errno;
        std::string const owner = read_owner(m_fd);
        ::close(m_fd);
        m_fd = -1;
        if (err == EWOULDBLOCK)
            throw std::runtime_error("state directory " + state_dir.string() +
                                     " is in use by picotorrent pid " + owner +
                                     "; stop it or give another --state-dir");
        throw std::system_error(err, std::generic_category(), "cannot lock " + file.string());
    }
    std::string const pid = std::to_string(::getpid()) + "\n";
    if (::ftruncate(m_fd, 0) != 0 || ::pwrite(m_fd, pid.data(), pid.size(), 0) < 0) {
        // The lock holds without the pid; a refused second host then says "pid unknown".
    }
}

state_dir_lock::~state_dir_lock()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

} // namespace pico::persistence
