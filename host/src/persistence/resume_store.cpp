#include "persistence/resume_store.hpp"

#include "util/atomic_file.hpp"
#include "util/info_hash.hpp"

#include <algorithm>
#include <libtorrent/bdecode.hpp>
#include <libtorrent/read_resume_data.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/write_resume_data.hpp>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

namespace pico::persistence {
namespace {

namespace fs = std::filesystem;

constexpr char const* resume_extension = ".resume";

std::string key_of(lt::add_torrent_params const& atp)
{
    return util::info_hash_string(atp.ti ? atp.ti->info_hashes() : atp.info_hashes);
}

// write_file_atomically names its temporary ".<name>.tmp.<pid>.<random>"; returns the pid, or -1
// when `name` is not such a file.
long temp_file_owner(std::string const& name)
{
    auto const at = name.find(".tmp.");
    if (name.empty() || name.front() != '.' || at == std::string::npos)
        return -1;
    auto const pid_start = at + 5;
    auto const pid_end = name.find('.', pid_start);
    if (pid_end == std::string::npos || pid_end == pid_start)
        return -1;
    try {
        return std::stol(name.substr(pid_start, pid_end - pid_start));
    } catch (std::exception const&) {
        return -1;
    }
}

// Keeps a file that cannot be used for inspection, out of the way of the next load.
std::string set_aside(fs::path const& file)
{
    auto bad = file;
    bad += ".bad";
    std::error_code ec;
    fs::rename(file, bad, ec);
    if (ec)
        return "; could not rename it to " + bad.filename().string() + ": " + ec.message();
    return "; renamed to " + bad.filename().string();
}

} // namespace

resume_store::resume_store(fs::path state_dir) : m_dir(std::move(state_dir)) {}

fs::path const& resume_store::directory() const
{
    return m_dir;
}

fs::path resume_store::resume_file(std::string const& info_hash) const
{
    return m_dir / "resume" / (info_hash + resume_extension);
}

fs::path resume_store::session_state_file() const
{
    return m_dir / "session.state";
}

void resume_store::save(lt::add_torrent_params const& atp)
{
    auto const key = key_of(atp);
    if (key.empty())
        throw std::invalid_argument("resume data without an info hash cannot be saved");
    auto const buf = lt::write_resume_data_buf(atp);
    util::write_file_atomically(resume_file(key), std::string_view(buf.data(), buf.size()), 0600);
}

void resume_store::remove(std::string const& info_hash)
{
    // Only real hashes name files: nothing outside resume/ can be reached through this.
    auto const parsed = util::parse_info_hash(info_hash);
    if (!parsed)
        return;
    std::error_code ec;
    fs::remove(resume_file(util::info_hash_string(*parsed)), ec);
}

resume_store::loaded resume_store::load_all() const
{
    loaded out;
    auto const dir = m_dir / "resume";
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return out;

    std::vector<fs::path> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec))
            continue;
        auto const name = it->path().filename().string();
        if (long const owner = temp_file_owner(name); owner >= 0) {
            // Another process's write interrupted by a crash; ours may still be in flight.
            if (owner != static_cast<long>(::getpid()))
                fs::remove(it->path(), ec);
            ec.clear();
            continue;
        }
        if (it->path().extension() == resume_extension)
            files.push_back(it->path());
    }
    if (ec)
        out.errors.push_back(dir.string() + ": cannot list: " + ec.message());
    std::sort(files.begin(), files.end());

    for (auto const& file : files) {
        std::string why;
        try {
            auto const buf = util::read_file(file);
            lt::error_code lec;
            auto atp = lt::read_resume_data(
                lt::span<char const>(buf.data(), static_cast<std::ptrdiff_t>(buf.size())), lec);
            if (lec) {
                why = "corrupt resume data: " + lec.message();
            } else if (auto const key = key_of(atp); key.empty()) {
                why = "resume data names no info hash";
            } else if (key != file.stem().string()) {
                why = "resume data is for " + key + ", not the torrent its name says";
            } else {
                out.torrents.push_back(std::move(atp));
                continue;
            }
        } catch (std::system_error const& e) {
            // Unreadable: leave it where it is, the next start may read it.
            out.errors.push_back(file.string() + ": " + e.what());
            continue;
        } catch (std::exception const& e) {
            why = std::string("corrupt resume data: ") + e.what();
        }
        out.errors.push_back(file.string() + ": " + why + set_aside(file));
    }
    return out;
}

void resume_store::save_session_state(lt::session_params const& params)
{
    auto const buf = lt::write_session_params_buf(params, lt::save_state_flags_t::all());
    util::write_file_atomically(session_state_file(), std::string_view(buf.data(), buf.size()), 0600);
}

std::optional<lt::session_params> resume_store::load_session_state(std::string* error) const
{
    auto const file = session_state_file();
    std::error_code ec;
    if (!fs::exists(file, ec))
        return std::nullopt;
    auto fail = [&](std::string const& why) {
        if (error)
            *error = file.string() + ": " + why;
        return std::nullopt;
    };
    std::string buf;
    try {
        buf = util::read_file(file);
    } catch (std::system_error const& e) {
        return fail(e.what());
    }
    lt::error_code lec;
    auto const node =
        lt::bdecode(lt::span<char const>(buf.data(), static_cast<std::ptrdiff_t>(buf.size())), lec);
    if (lec)
        return fail("corrupt session state: " + lec.message() + set_aside(file));
    if (node.type() != lt::bdecode_node::dict_t)
        return fail("corrupt session state: not a dictionary" + set_aside(file));
    try {
        return lt::read_session_params(node, lt::save_state_flags_t::all());
    } catch (std::exception const& e) {
        return fail(std::string("corrupt session state: ") + e.what() + set_aside(file));
    }
}

} // namespace pico::persistence
