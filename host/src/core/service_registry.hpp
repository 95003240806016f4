// Named, versioned services that plugins publish for each other.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <picotorrent/sdk/host.hpp>
#include <string>

namespace pico::core {

/// Host thread only.
class service_registry {
  public:
    /// Publishes `object` under `name`; fails (empty subscription) if the name is taken.
    /// `keepalive` holds the provider's library loaded for as long as anyone holds the object.
    sdk::subscription publish(std::string const& name, std::uint32_t version, std::string const& provider,
                              std::shared_ptr<void> object, std::shared_ptr<void> keepalive);
    /// The service if published with at least `min_version`.
    std::optional<sdk::service_handle> find(std::string const& name, std::uint32_t min_version) const;
    /// Withdraws every service of one provider.
    void remove_provider(std::string const& provider);

  private:
    struct state {
        std::map<std::string, sdk::service_handle> services;
    };
    std::shared_ptr<state> m_state = std::make_shared<state>();
};

} // namespace pico::core
