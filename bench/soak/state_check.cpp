#include "state_check.hpp"

#include <fstream>
#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/bdecode.hpp>
#include <libtorrent/read_resume_data.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

namespace pico::soak {
namespace {

namespace fs = std::filesystem;

std::string contents(fs::path const& file)
{
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

} // namespace

std::vector<std::string> unreadable_state(fs::path const& config_file, fs::path const& state_dir)
{
    std::vector<std::string> problems;
    try {
        auto const config = nlohmann::json::parse(contents(config_file));
        if (!config.is_object())
            problems.push_back(config_file.string() + ": not a JSON object");
    } catch (std::exception const& e) {
        problems.push_back(config_file.string() + ": " + e.what());
    }
    std::error_code ec;
    for (fs::directory_iterator it(state_dir / "resume", ec), end; !ec && it != end; it.increment(ec)) {
        auto const& file = it->path();
        if (file.extension() == ".bad") {
            problems.push_back(file.string() + ": set aside as corrupt");
            continue;
        }
        if (file.extension() != ".resume")
            continue; // an interrupted write's temporary file: the next start removes it
        auto const buf = contents(file);
        lt::error_code lec;
        (void)lt::read_resume_data(lt::span<char const>(buf.data(), static_cast<std::ptrdiff_t>(buf.size())),
                                   lec);
        if (lec)
            problems.push_back(file.string() + ": " + lec.message());
    }
    if (auto const state = state_dir / "session.state"; fs::exists(state, ec)) {
        auto const buf = contents(state);
        lt::error_code lec;
        auto const node =
            lt::bdecode(lt::span<char const>(buf.data(), static_cast<std::ptrdiff_t>(buf.size())), lec);
        if (lec || node.type() != lt::bdecode_node::dict_t)
            problems.push_back(state.string() + ": not a bencoded dictionary");
    }
    if (fs::exists(state_dir / "session.state.bad", ec))
        problems.push_back("session.state.bad: set aside as corrupt");
    return problems;
}

} // namespace pico::soak
