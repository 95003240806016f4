// Finding plugins (their folders and manifests) and choosing which to load: --plugins, the
// config's list, --no-plugins, their dependencies, front ends only under `gui`.
#include "plugins/plugin_manager.hpp"
#include "plugins/plugin_slot.hpp"
#include "util/host_version.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace pico::plugins {

namespace fs = std::filesystem;

std::vector<fs::path> plugin_manager::default_search_dirs(fs::path const& executable_dir)
{
    std::vector<fs::path> dirs;
    dirs.push_back((executable_dir / plugin_dir_from_bindir).lexically_normal());
    char const* data_home = std::getenv("XDG_DATA_HOME");
    char const* home = std::getenv("HOME");
    // The XDG spec says to ignore a relative XDG_DATA_HOME.
    if (data_home != nullptr && fs::path(data_home).is_absolute())
        dirs.push_back(fs::path(data_home) / "picotorrent" / "plugins");
    else if (home != nullptr && *home != '\0')
        dirs.push_back(fs::path(home) / ".local" / "share" / "picotorrent" / "plugins");
    return dirs;
}

void plugin_manager::discover(std::vector<fs::path> const& dirs)
{
    for (auto const& dir : dirs) {
        std::error_code ec;
        // The same folder named twice (e.g. --plugin-dir pointing at the default one) is searched once.
        auto const canonical = fs::weakly_canonical(dir, ec);
        auto const key = ec ? dir.lexically_normal() : canonical;
        if (std::find(m_searched.begin(), m_searched.end(), key) != m_searched.end())
            continue;
        m_searched.push_back(key);
        if (!fs::is_directory(dir, ec)) {
            log(sdk::log_level::debug, "plugin folder " + dir.string() + " does not exist");
            continue;
        }

        std::vector<fs::path> folders;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            std::error_code type_ec;
            if (it->is_directory(type_ec) && fs::is_regular_file(it->path() / "plugin.json", type_ec))
                folders.push_back(it->path());
        }
        if (ec)
            log(sdk::log_level::warning, "cannot list plugin folder " + dir.string() + ": " + ec.message());
        std::sort(folders.begin(), folders.end());

        for (auto const& folder : folders) {
            auto s = std::make_unique<slot>();
            s->record.directory = folder;
            try {
                s->record.info = read_manifest(folder / "plugin.json");
            } catch (manifest_error const& e) {
                // Listed under its folder name so `picotorrent plugins` can show what is wrong.
                s->record.info.id = folder.filename().string();
                s->record.info.name = s->record.info.id;
                refuse(*s, e.what());
                m_slots.push_back(std::move(s));
                continue;
            }
            // Folders with a broken manifest have no version and claim no id.
            auto const first = std::find_if(m_slots.begin(), m_slots.end(), [&](auto const& other) {
                return other->record.info.id == s->record.info.id && !other->record.info.version.empty();
            });
            if (first != m_slots.end())
                refuse(*s, "duplicate id: already found in " + (*first)->record.directory.string() +
                               ", ignoring " + folder.string());
            m_slots.push_back(std::move(s));
        }
    }
}

void plugin_manager::select(selection const& sel)
{
    m_selected = true;
    std::set<std::string> wanted;
    if (sel.only) {
        wanted.insert(sel.only->begin(), sel.only->end());
        for (auto const& id : *sel.only) {
            bool const installed = std::any_of(m_slots.begin(), m_slots.end(),
                                               [&](auto const& s) { return s->record.info.id == id; });
            if (!installed)
                log(sdk::log_level::warning, "plugin '" + id + "' was asked for but is not installed");
        }
        // A selected plugin brings the plugins it depends on.
        bool grew = true;
        while (grew) {
            grew = false;
            for (auto const& s : m_slots) {
                if (s->record.state != plugin_state::discovered || !wanted.count(s->record.info.id))
                    continue;
                for (auto const& dep : s->record.info.depends) {
                    if (wanted.insert(dep).second) {
                        grew = true;
                        if (find(dep, plugin_state::discovered))
                            log(sdk::log_level::info, "plugin '" + dep + "' selected because '" +
                                                          s->record.info.id + "' depends on it");
                    }
                }
            }
        }
    }

    for (auto& s : m_slots) {
        auto& r = s->record;
        if (r.state != plugin_state::discovered)
            continue;
        if (sel.none) {
            r.state = plugin_state::not_selected;
            r.reason = "plugins are turned off (--no-plugins)";
        } else if (sel.only && !wanted.count(r.info.id)) {
            r.state = plugin_state::not_selected;
            r.reason = "not in the list of plugins to load";
        } else if (r.info.front_end && !sel.allow_front_end) {
            r.state = plugin_state::not_selected;
            r.reason = "front end: only `picotorrent gui` starts it";
        }
    }
}

} // namespace pico::plugins
