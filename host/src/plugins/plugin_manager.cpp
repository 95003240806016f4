// The plugins' life: loading the libraries, checking them, starting them in dependency order,
// disabling and stopping them. Finding and choosing them is plugin_discovery.cpp.
#include "plugins/plugin_manager.hpp"

#include "plugins/dependency_order.hpp"
#include "plugins/one_line.hpp"
#include "plugins/plugin_library.hpp"
#include "plugins/plugin_slot.hpp"
#include "plugins/semver.hpp"
#include "util/host_version.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

namespace pico::plugins {

namespace fs = std::filesystem;

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
