#include "resume_write_watch.hpp"

#include <poll.h>
#include <stdexcept>
#include <string_view>
#include <sys/inotify.h>
#include <unistd.h>

namespace pico::soak {

resume_write_watch::resume_write_watch(std::filesystem::path const& resume_dir)
{
    std::filesystem::create_directories(resume_dir);
    m_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd < 0 || ::inotify_add_watch(m_fd, resume_dir.c_str(), IN_CREATE) < 0)
        throw std::runtime_error("cannot watch " + resume_dir.string());
}

resume_write_watch::~resume_write_watch()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

bool resume_write_watch::wait(std::chrono::milliseconds timeout, std::function<bool()> const& keep_waiting)
{
    auto const deadline = std::chrono::steady_clock::now() + timeout;
    alignas(inotify_event) char buf[4096];
    while (std::chrono::steady_clock::now() < deadline && keep_waiting()) {
        pollfd p{m_fd, POLLIN, 0};
        if (::poll(&p, 1, 5) <= 0)
            continue;
        auto const n = ::read(m_fd, buf, sizeof buf);
        for (ssize_t at = 0; at < n;) {
            auto const* e = reinterpret_cast<inotify_event const*>(buf + at);
            std::string_view const name(e->len ? e->name : "");
            if (!name.empty() && name.front() == '.' && name.find(".resume.tmp.") != std::string_view::npos)
                return true;
            at += static_cast<ssize_t>(sizeof(inotify_event) + e->len);
        }
    }
    return false;
}

} // namespace pico::soak
