#include "session/foreign_files.hpp"

#include "util/atomic_file.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace pico::session {

namespace fs = std::filesystem;

namespace {

fs::path record_file(fs::path const& dir, std::string const& key)
{
    return dir / (key + ".json");
}

/// Paths remembered as this host's at most; beyond, a re-added torrent's files count as
/// foreign (kept): the safe side.
constexpr std::size_t max_ours = 100000;

std::set<std::string> read_list(fs::path const& file)
{
    std::set<std::string> out;
    std::ifstream in(file);
    if (!in)
        return out;
    std::stringstream text;
    text << in.rdbuf();
    auto const list = nlohmann::json::parse(text.str(), nullptr, false);
    if (list.is_array())
        for (auto const& p : list)
            if (p.is_string())
                out.insert(p.get<std::string>());
    return out;
}

void write_list(fs::path const& file, std::set<std::string> const& paths)
{
    nlohmann::json list = nlohmann::json::array();
    for (auto const& p : paths)
        list.push_back(p);
    // Best effort: without the file a restart forgets (and keeps more files, never fewer).
    try {
        std::error_code ec;
        fs::create_directories(file.parent_path(), ec);
        util::write_file_atomically(file, list.dump() + "\n", 0600);
    } catch (std::exception const&) {
    }
}

} // namespace

foreign_files::foreign_files(std::optional<fs::path> dir) : m_dir(std::move(dir)) {}

void foreign_files::record(std::string const& key, lt::torrent_info const& ti, std::string const& save_path)
{
    std::set<std::string> existing;
    auto const& files = ti.files();
    for (auto const index : files.file_range()) {
        if (files.pad_file_at(index))
            continue;
        auto const path = (fs::path(save_path) / files.file_path(index)).lexically_normal();
        std::error_code ec;
        if (fs::exists(path, ec) && ours().count(path.string()) == 0)
            existing.insert(files.file_path(index));
    }
    if (existing.empty()) {
        forget(key);
        return;
    }
    if (m_dir)
        write_list(record_file(*m_dir, key), existing);
    m_by_key[key] = std::move(existing);
}

void foreign_files::remember_ours(std::string const& key, lt::torrent_info const& ti,
                                  std::string const& save_path)
{
    auto const foreign = of(key);
    auto const& files = ti.files();
    bool changed = false;
    for (auto const index : files.file_range()) {
        if (files.pad_file_at(index) || foreign.count(files.file_path(index)) != 0)
            continue;
        auto const path = (fs::path(save_path) / files.file_path(index)).lexically_normal();
        std::error_code ec;
        if (fs::exists(path, ec) && ours().size() < max_ours)
            changed = ours().insert(path.string()).second || changed;
    }
    if (changed)
        save_ours();
}

std::set<std::string>& foreign_files::ours()
{
    if (!m_ours)
        m_ours = m_dir ? read_list(*m_dir / "ours.json") : std::set<std::string>{};
    return *m_ours;
}

void foreign_files::save_ours()
{
    if (m_dir)
        write_list(*m_dir / "ours.json", ours());
}

std::set<std::string>* foreign_files::load(std::string const& key)
{
    if (auto it = m_by_key.find(key); it != m_by_key.end())
        return &it->second;
    if (!m_dir || !fs::exists(record_file(*m_dir, key)))
        return nullptr;
    return &(m_by_key[key] = read_list(record_file(*m_dir, key)));
}

bool foreign_files::any(std::string const& key)
{
    auto const* paths = load(key);
    return paths != nullptr && !paths->empty();
}

std::set<std::string> foreign_files::of(std::string const& key)
{
    auto const* paths = load(key);
    return paths ? *paths : std::set<std::string>{};
}

void foreign_files::forget(std::string const& key)
{
    m_by_key.erase(key);
    if (m_dir) {
        std::error_code ec;
        fs::remove(record_file(*m_dir, key), ec);
    }
}

std::vector<std::string> delete_owned_files(lt::torrent_info const& ti, std::string const& save_path,
                                            std::set<std::string> const& keep)
{
    std::vector<std::string> problems;
    std::set<fs::path> folders;
    fs::path const root = fs::path(save_path).lexically_normal();
    auto const& files = ti.files();
    for (auto const index : files.file_range()) {
        auto const inside = files.file_path(index);
        auto const path = root / inside;
        for (auto p = path.parent_path();
             p != root && p.has_relative_path() && p.string().size() > root.string().size();
             p = p.parent_path())
            folders.insert(p);
        if (keep.count(inside) != 0)
            continue;
        std::error_code ec;
        if (!fs::remove(path, ec) && ec)
            problems.push_back("cannot delete " + path.string() + ": " + ec.message());
    }
    // Deepest first; a folder that still holds something (a kept file, the user's own) stays.
    for (auto it = folders.rbegin(); it != folders.rend(); ++it) {
        std::error_code ec;
        if (fs::is_directory(*it, ec) && fs::is_empty(*it, ec))
            fs::remove(*it, ec);
    }
    return problems;
}

} // namespace pico::session
