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

} // namespace

foreign_files::foreign_files(std::optional<fs::path> dir) : m_dir(std::move(dir)) {}

void foreign_files::record(std::string const& key, lt::torrent_info const& ti, std::string const& save_path)
{
    std::set<std::string> existing;
    auto const& files = ti.files();
    for (auto const index : files.file_range()) {
        if (files.pad_file_at(index))
            continue;
        std::error_code ec;
        if (fs::exists(fs::path(save_path) / files.file_path(index), ec))
            existing.insert(files.file_path(index));
    }
    if (existing.empty()) {
        forget(key);
        return;
    }
    if (m_dir) {
        std::error_code ec;
        fs::create_directories(*m_dir, ec);
        nlohmann::json list = nlohmann::json::array();
        for (auto const& p : existing)
            list.push_back(p);
        // Best effort: without the file a restart forgets, and delete_data falls back to
        // deleting every file; the in-memory record still protects this run.
        try {
            util::write_file_atomically(record_file(*m_dir, key), list.dump() + "\n", 0600);
        } catch (std::exception const&) {
        }
    }
    m_by_key[key] = std::move(existing);
}

std::set<std::string>* foreign_files::load(std::string const& key)
{
    if (auto it = m_by_key.find(key); it != m_by_key.end())
        return &it->second;
    if (!m_dir)
        return nullptr;
    std::ifstream in(record_file(*m_dir, key));
    if (!in)
        return nullptr;
    std::stringstream text;
    text << in.rdbuf();
    auto const list = nlohmann::json::parse(text.str(), nullptr, false);
    std::set<std::string> paths;
    if (list.is_array())
        for (auto const& p : list)
            if (p.is_string())
                paths.insert(p.get<std::string>());
    return &(m_by_key[key] = std::move(paths));
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
