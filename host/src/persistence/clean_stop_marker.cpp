#include "persistence/clean_stop_marker.hpp"

#include "util/atomic_file.hpp"

#include <fcntl.h>
#include <string_view>
#include <system_error>
#include <unistd.h>

namespace pico::persistence {
namespace {

// The whole content: a marker that reads differently was not written by write().
constexpr std::string_view marker_text = "picotorrent stopped cleanly\n";

// The marker's removal must reach the disk before this run writes anything that the marker
// would vouch for. Best effort: a directory that cannot be opened cannot be synced either.
void sync_directory(std::filesystem::path const& dir)
{
    int const fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::fsync(fd);
    ::close(fd);
}

} // namespace

clean_stop_marker::clean_stop_marker(std::filesystem::path state_dir)
    : m_file(std::move(state_dir) / "clean-stop")
{
}

bool clean_stop_marker::take() const
{
    std::error_code ec;
    if (!std::filesystem::exists(m_file, ec))
        return false;
    bool intact = false;
    try {
        intact = util::read_file(m_file, marker_text.size()) == marker_text;
    } catch (std::system_error const&) {
        intact = false;
    }
    if (!std::filesystem::remove(m_file, ec) || ec)
        return false;
    sync_directory(m_file.parent_path());
    return intact;
}

void clean_stop_marker::write() const
{
    util::write_file_atomically(m_file, marker_text, 0600);
}

} // namespace pico::persistence
