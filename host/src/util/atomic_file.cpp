#include "util/atomic_file.hpp"

#include <algorithm>
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
        throw std::system_error(errno ? errno : ENOENT, std::generic_category(),
                                "cannot open " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad())
        throw std::system_error(EIO, std::generic_category(), "cannot read " + path.string());
    return out.str();
}

} // namespace pico::util

namespace pico::util {

std::string read_file(std::filesystem::path const& path, std::size_t max_bytes)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::system_error(errno ? errno : ENOENT, std::generic_category(),
                                "cannot open " + path.string());
    auto const too_large = [&] {
        return std::system_error(std::make_error_code(std::errc::file_too_large),
                                 path.string() + " is larger than " + std::to_string(max_bytes) + " bytes");
    };
    // The size first: a big regular file is refused without reading any of it.
    std::error_code ec;
    if (std::filesystem::is_regular_file(path, ec)) {
        auto const size = std::filesystem::file_size(path, ec);
        if (!ec && size > max_bytes)
            throw too_large();
    }
    // Devices and pipes report no size: read at most one byte past the limit.
    std::string out;
    char buffer[65536];
    while (in && out.size() <= max_bytes) {
        auto const want = std::min<std::size_t>(sizeof buffer, max_bytes + 1 - out.size());
        in.read(buffer, static_cast<std::streamsize>(want));
        out.append(buffer, static_cast<std::size_t>(in.gcount()));
    }
    if (in.bad())
        throw std::system_error(EIO, std::generic_category(), "cannot read " + path.string());
    if (out.size() > max_bytes)
        throw too_large();
    return out;
}

} // namespace pico::util
