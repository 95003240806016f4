#include "util/atomic_file.hpp"

#include <cerrno>
#include <fcntl.h>
#include <fstream>
#include <random>
#include <sstream>
#include <system_error>
#include <unistd.h>

namespace pico::util {
namespace {

[[noreturn]] void throw_errno(std::string const& what, std::filesystem::path const& path)
{
    throw std::system_error(errno, std::generic_category(), what + " " + path.string());
}

// Closes the descriptor on every exit path.
struct fd_guard {
    int fd;
    ~fd_guard()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

std::filesystem::path temporary_name_beside(std::filesystem::path const& path)
{
    std::random_device rd;
    std::ostringstream name;
    name << '.' << path.filename().string() << ".tmp." << ::getpid() << '.' << std::hex << rd();
    return path.parent_path() / name.str();
}

void sync_directory(std::filesystem::path const& dir)
{
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return; // Best effort: the rename itself already happened.
    fd_guard guard{fd};
    ::fsync(fd);
}

} // namespace

void write_file_atomically(std::filesystem::path const& path, std::string_view contents, unsigned mode)
{
    auto const dir = path.parent_path();
    if (!dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec)
            throw std::system_error(ec, "cannot create directory " + dir.string());
    }

    auto const temp = temporary_name_beside(path);
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        throw_errno("cannot create", temp);
    {
        fd_guard guard{fd};
        std::size_t written = 0;
        while (written < contents.size()) {
            auto n = ::write(fd, contents.data() + written, contents.size() - written);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                int saved = errno;
                ::unlink(temp.c_str());
                errno = saved;
                throw_errno("cannot write", temp);
            }
            written += static_cast<std::size_t>(n);
        }
        if (::fsync(fd) != 0) {
            int saved = errno;
            ::unlink(temp.c_str());
            errno = saved;
            throw_errno("cannot sync", temp);
        }
    }
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        int saved = errno;
        ::unlink(temp.c_str());
        errno = saved;
        throw_errno("cannot replace", path);
    }
    sync_directory(dir);
}

std::string read_file(std::filesystem::path const& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::system_error(errno ? errno : ENOENT, std::generic_category(), "cannot open " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad())
        throw std::system_error(EIO, std::generic_category(), "cannot read " + path.string());
    return out.str();
}

} // namespace pico::util
