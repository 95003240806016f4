// The add-torrent pipeline: ordered hooks that may change a request or reject it.
#pragma once

#include "core/event_bus.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <picotorrent/sdk/host.hpp>
#include <string>
#include <vector>

namespace pico::core {

/// Ordered add-torrent hooks. Host thread only.
class hook_chain {
  public:
    /// `on_failure` is told about hooks that throw; such a hook is skipped and the chain goes on.
    explicit hook_chain(failure_handler on_failure);
    /// Adds a hook; lower `order` runs first, ties run in registration order.
    sdk::subscription add(std::string owner, sdk::add_torrent_hook hook, std::int32_t order);
    /// Runs every hook; returns the first rejection reason, or nullopt when all accepted.
    std::optional<std::string> run(sdk::add_torrent_request& request);
    /// Removes every hook of one plugin.
    void remove_owner(std::string const& owner);
    /// Number of registered hooks.
    std::size_t size() const { return m_state->hooks.size(); }

  private:
    struct entry {
        std::string owner;
        sdk::add_torrent_hook hook;
        std::int32_t order;
        std::uint64_t sequence;
        bool live = true;
    };
    struct state {
        std::vector<std::shared_ptr<entry>> hooks; // kept sorted by (order, sequence)
        std::uint64_t next_sequence = 0;
    };
    std::shared_ptr<state> m_state = std::make_shared<state>();
    failure_handler m_on_failure;
};

} // namespace pico::core
