#include "plugins/plugin_manager.hpp"

#include "plugins/dependency_order.hpp"
#include "plugins/one_line.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/semver.hpp"
#include "util/host_version.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

namespace pico::plugins {

namespace fs = std::filesystem;

struct plugin_manager::slot {
    // Declared first so it is destroyed last: everything below may point into it.
    std::shared_ptr<boost::dll::shared_library> library;
    plugin_record record;
    sdk::plugin_descriptor const* descriptor = nullptr;
    // Outlives `instance`: the plugin may use its host until destroy() returns.
    std::unique_ptr<sdk::host> host;
    sdk::plugin* instance = nullptr;
};

namespace {

std::string what_of(std::exception_ptr const& e)
{
    try {
        std::rethrow_exception(e);
    } catch (std::exception const& ex) {
        return ex.what();
    } catch (...) {
        return "a non-standard exception";
    }
}

// Library-level refusals carry what the plugin says it was built for and what the host offers.
std::string versions_note(manifest const& m, sdk::plugin_descriptor const* d)
{
    if (d != nullptr)
        return " (built against SDK " + to_string(sdk::semantic_version::unpack(d->sdk_version)) +
               ", host offers " + host_sdk_version() + ")";
    return " (manifest says SDK " + m.sdk_version + ", host offers " + host_sdk_version() + ")";
}

} // namespace

plugin_manager::plugin_manager(log_fn log) : m_log(std::move(log)) {}

plugin_manager::~plugin_manager()
{
    stop_all();
}

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

void plugin_manager::log(sdk::log_level level, std::string const& line) const
{
    if (m_log)
        m_log(level, line);
}

void plugin_manager::refuse(slot& s, std::string reason)
{
    s.record.state = plugin_state::refused;
    s.record.reason = one_line(std::move(reason));
    log(sdk::log_level::warning, "plugin '" + s.record.info.id + "' refused: " + s.record.reason);
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

plugin_manager::slot* plugin_manager::find(std::string const& id, plugin_state state) const
{
    for (auto const& s : m_slots) {
        if (s->record.info.id == id && s->record.state == state)
            return s.get();
    }
    return nullptr;
}

std::string plugin_manager::why_unavailable(std::string const& id) const
{
    for (auto const& s : m_slots) {
        if (s->record.info.id != id)
            continue;
        switch (s->record.state) {
        case plugin_state::not_selected:
            return "which is not selected (" + s->record.reason + ")";
        case plugin_state::refused:
            return "which was refused";
        default:
            return "which is not available";
        }
    }
    return "which is not installed";
}

bool plugin_manager::check_library(slot& s)
{
    auto const& m = s.record.info;
    auto opened = open_plugin_library(s.record.directory / m.library);
    if (!opened.error.empty()) {
        refuse(s, opened.error + versions_note(m, nullptr));
        return false;
    }
    s.library = std::move(opened.library);
    s.descriptor = opened.descriptor;
    auto const& d = *s.descriptor;
    // The first two fields are the same in every SDK major; compatibility is checked before
    // anything else in the descriptor is read.
    if (auto reason = check_compatibility(d, m); !reason.empty()) {
        refuse(s, reason);
        unload(s);
        return false;
    }
    std::string problem;
    if (d.id == nullptr)
        problem = "descriptor has no id, manifest says '" + m.id + "'";
    else if (m.id != d.id)
        problem = "library declares id '" + std::string(d.id) + "' but its manifest says '" + m.id + "'";
    else if (d.create == nullptr || d.destroy == nullptr)
        problem = "descriptor has no create or destroy function";
    if (!problem.empty()) {
        refuse(s, problem + versions_note(m, &d));
        unload(s);
        return false;
    }
    return true;
}

void plugin_manager::order_loaded()
{
    std::vector<dependency_node> nodes;
    for (auto const& s : m_slots) {
        if (s->record.state == plugin_state::loaded)
            nodes.push_back({s->record.info.id, s->record.info.depends});
    }
    auto const plan =
        order_by_dependencies(nodes, [this](std::string const& id) { return why_unavailable(id); });
    for (auto const& [id, reason] : plan.refused) {
        if (auto* s = find(id, plugin_state::loaded)) {
            refuse(*s, reason);
            unload(*s);
        }
    }
    for (auto const& id : plan.order)
        m_load_order.push_back(find(id, plugin_state::loaded));
}

void plugin_manager::load_only()
{
    if (m_loaded)
        return;
    m_loaded = true;
    if (!m_selected)
        select(selection{});
    for (auto& s : m_slots) {
        if (s->record.state != plugin_state::discovered)
            continue;
        if (check_library(*s))
            s->record.state = plugin_state::loaded;
    }
    order_loaded();
}

void plugin_manager::start_one(slot& s, host_factory const& make_host)
{
    auto const& m = s.record.info;
    for (auto const& dep : m.depends) {
        if (!find(dep, plugin_state::running)) {
            refuse(s, "depends on '" + dep + "', which did not start");
            unload(s);
            return;
        }
    }
    try {
        s.host = make_host ? make_host(s.record) : nullptr;
    } catch (...) {
        refuse(s, "the host could not be set up for it: " + what_of(std::current_exception()));
        unload(s);
        return;
    }
    if (!s.host) {
        refuse(s, "the host could not be set up for it");
        unload(s);
        return;
    }
    // The exception object may be of a type from the plugin's library: it is destroyed when its
    // catch block ends, so the library is unloaded only after that.
    std::optional<std::string> thrown;
    try {
        s.instance = s.descriptor->create();
    } catch (...) {
        thrown = what_of(std::current_exception());
    }
    if (thrown) {
        refuse(s, "create() threw: " + *thrown + versions_note(m, s.descriptor));
        teardown(s, false);
        unload(s);
        return;
    }
    if (s.instance == nullptr) {
        refuse(s, "create() returned no plugin" + versions_note(m, s.descriptor));
        teardown(s, false);
        unload(s);
        return;
    }
    try {
        s.instance->start(*s.host);
    } catch (...) {
        thrown = what_of(std::current_exception());
    }
    if (thrown) {
        refuse(s, "start() threw: " + *thrown + versions_note(m, s.descriptor));
        teardown(s, false);
        unload(s);
        return;
    }
    s.record.state = plugin_state::running;
    m_start_order.push_back(&s);
    log(sdk::log_level::info, "plugin '" + m.id + "' " + m.version + " started");
}

void plugin_manager::load_and_start(host_factory make_host)
{
    load_only();
    for (auto* s : m_load_order) {
        if (s->record.state == plugin_state::loaded)
            start_one(*s, make_host);
    }
}

void plugin_manager::teardown(slot& s, bool call_stop)
{
    auto const& id = s.record.info.id;
    if (s.instance != nullptr) {
        if (call_stop) {
            try {
                s.instance->stop();
            } catch (...) {
                log(sdk::log_level::warning,
                    "plugin '" + id + "' threw from stop(): " + one_line(what_of(std::current_exception())));
            }
        }
        try {
            s.descriptor->destroy(s.instance);
        } catch (...) {
            log(sdk::log_level::warning, "plugin '" + id + "' threw from its destructor: " +
                                             one_line(what_of(std::current_exception())));
        }
        s.instance = nullptr;
    }
    s.host.reset();
}

void plugin_manager::unload(slot& s)
{
    s.descriptor = nullptr;
    s.library.reset();
}

void plugin_manager::disable(std::string const& id, std::string const& reason)
{
    auto* s = find(id, plugin_state::running);
    if (s == nullptr)
        return;
    teardown(*s, true);
    s->record.state = plugin_state::disabled;
    s->record.reason = one_line(reason);
    m_start_order.erase(std::remove(m_start_order.begin(), m_start_order.end(), s), m_start_order.end());
}

void plugin_manager::stop_all()
{
    for (auto it = m_start_order.rbegin(); it != m_start_order.rend(); ++it) {
        teardown(**it, true);
        (*it)->record.state = plugin_state::stopped;
        log(sdk::log_level::info, "plugin '" + (*it)->record.info.id + "' stopped");
    }
    m_start_order.clear();
    // Only now that no instance or host object is left may the code behind them go away.
    for (auto it = m_load_order.rbegin(); it != m_load_order.rend(); ++it)
        unload(**it);
    for (auto& s : m_slots)
        unload(*s);
}

std::vector<plugin_record> plugin_manager::records() const
{
    std::vector<plugin_record> out;
    out.reserve(m_slots.size());
    for (auto const& s : m_slots)
        out.push_back(s->record);
    return out;
}

std::vector<std::string> plugin_manager::running_in_order() const
{
    std::vector<std::string> out;
    for (auto const* s : m_start_order)
        out.push_back(s->record.info.id);
    return out;
}

std::shared_ptr<void> plugin_manager::library_keepalive(std::string const& id) const
{
    for (auto const& s : m_slots) {
        if (s->record.info.id == id && s->library)
            return s->library;
    }
    return nullptr;
}

} // namespace pico::plugins
