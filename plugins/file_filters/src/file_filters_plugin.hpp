// The file_filters plugin: applies include/exclude filters to added torrents and
// publishes the "file_filters" service.
#pragma once

#include "file_selection.hpp"
#include "filter_service.hpp"

#include <memory>
#include <optional>
#include <picotorrent/sdk/sdk.hpp>
#include <vector>

namespace pico::file_filters {

/// The plugin instance the host creates.
class file_filters_plugin final : public sdk::plugin {
  public:
    /// Reads the configuration (throws config_error when it is unusable), registers the
    /// add-torrent hook and the metadata handler, and publishes the service.
    void start(sdk::host& h) override;
    /// Withdraws the hook, the handlers and the service.
    void stop() override;

    /// Where the hook runs among other plugins' hooks.
    static constexpr std::int32_t hook_order = 0;

  private:
    sdk::hook_decision on_add(sdk::add_torrent_request& request);
    void on_metadata(sdk::metadata_received_event const& e);
    void on_settings_changed(sdk::settings_changed_event const& e);
    void use_filters(std::vector<filter> configured);

    sdk::host* m_host = nullptr;
    std::shared_ptr<filter_service> m_service;
    std::optional<file_selection> m_selection;
    std::vector<sdk::subscription> m_subscriptions;
};

} // namespace pico::file_filters
