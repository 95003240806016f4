#include "core/event_bus.hpp"

#include <algorithm>
#include <exception>

namespace pico::core {

char const* to_string(sdk::event_type type)
{
    using sdk::event_type;
    switch (type) {
    case event_type::host_started:
        return "host_started";
    case event_type::host_stopping:
        return "host_stopping";
    case event_type::torrent_added:
        return "torrent_added";
    case event_type::metadata_received:
        return "metadata_received";
    case event_type::torrent_finished:
        return "torrent_finished";
    case event_type::torrent_removed:
        return "torrent_removed";
    case event_type::torrent_paused:
        return "torrent_paused";
    case event_type::torrent_resumed:
        return "torrent_resumed";
    case event_type::state_changed:
        return "state_changed";
    case event_type::torrent_error:
        return "torrent_error";
    case event_type::storage_moved:
        return "storage_moved";
    case event_type::file_completed:
        return "file_completed";
    case event_type::tracker_error:
        return "tracker_error";
    case event_type::torrents_updated:
        return "torrents_updated";
    case event_type::session_stats:
        return "session_stats";
    case event_type::settings_changed:
        return "settings_changed";
    case event_type::plugin_loaded:
        return "plugin_loaded";
    case event_type::plugin_refused:
        return "plugin_refused";
    }
    return "unknown";
}

event_bus::event_bus(failure_handler on_failure) : m_on_failure(std::move(on_failure)) {}

sdk::subscription event_bus::subscribe(std::string owner, sdk::event_type type,
                                       std::function<void(sdk::event const&)> handler)
{
    auto e = std::make_shared<entry>(entry{std::move(owner), std::move(handler)});
    m_state->handlers[type].push_back(e);
    // The cancel closure holds the state weakly: a subscription that outlives the bus is harmless.
    std::weak_ptr<state> weak = m_state;
    return sdk::subscription([weak, type, e] {
        e->live = false;
        if (auto s = weak.lock()) {
            auto& list = s->handlers[type];
            list.erase(std::remove(list.begin(), list.end(), e), list.end());
        }
    });
}

void event_bus::publish(sdk::event const& ev)
{
    auto it = m_state->handlers.find(ev.type);
    if (it == m_state->handlers.end())
        return;
    // Iterate over a copy: handlers may subscribe or unsubscribe while we deliver.
    auto const snapshot = it->second;
    for (auto const& e : snapshot) {
        if (!e->live)
            continue;
        try {
            e->handler(ev);
        } catch (std::exception const& ex) {
            m_on_failure(e->owner,
                         std::string("threw from its ") + to_string(ev.type) + " handler: " + ex.what());
        } catch (...) {
            m_on_failure(e->owner, std::string("threw a non-standard exception from its ") +
                                       to_string(ev.type) + " handler");
        }
    }
}

void event_bus::remove_owner(std::string const& owner)
{
    for (auto& [type, list] : m_state->handlers) {
        for (auto& e : list) {
            if (e->owner == owner)
                e->live = false;
        }
        list.erase(std::remove_if(list.begin(), list.end(), [](auto const& e) { return !e->live; }),
                   list.end());
    }
}

std::size_t event_bus::count(sdk::event_type type) const
{
    auto it = m_state->handlers.find(type);
    return it == m_state->handlers.end() ? 0 : it->second.size();
}

} // namespace pico::core
