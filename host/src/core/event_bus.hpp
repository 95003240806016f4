// Delivers SDK events to subscribers, in subscription order, on the host thread.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <picotorrent/sdk/events.hpp>
#include <picotorrent/sdk/subscription.hpp>
#include <string>
#include <vector>

namespace pico::core {

/// Called when a plugin's handler threw: (plugin id, what happened).
using failure_handler = std::function<void(std::string const& owner, std::string const& what)>;

/// Per-event-type subscriber lists. Not thread-safe: host thread only.
class event_bus {
  public:
    /// `on_failure` is told about every handler that throws; the bus itself goes on.
    explicit event_bus(failure_handler on_failure);
    /// Adds a handler owned by plugin `owner`; the subscription removes it.
    sdk::subscription subscribe(std::string owner, sdk::event_type type,
                                std::function<void(sdk::event const&)> handler);
    /// Calls every live handler for e.type. Handlers added meanwhile wait for the next event;
    /// handlers removed meanwhile are skipped.
    void publish(sdk::event const& e);
    /// Removes every handler of one plugin (used when it is disabled).
    void remove_owner(std::string const& owner);
    /// Number of live handlers for a type.
    std::size_t count(sdk::event_type type) const;

  private:
    struct entry {
        std::string owner;
        std::function<void(sdk::event const&)> handler;
        bool live = true;
    };
    struct state {
        std::map<sdk::event_type, std::vector<std::shared_ptr<entry>>> handlers;
    };
    std::shared_ptr<state> m_state = std::make_shared<state>();
    failure_handler m_on_failure;
};

/// Name of an event type as used in logs and docs ("torrent_added").
char const* to_string(sdk::event_type type);

} // namespace pico::core
