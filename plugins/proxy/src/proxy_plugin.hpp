// The proxy plugin: applies the "proxy" section to the session, keeps force mode in
// force, and reports a proxy that refuses our credentials.
#pragma once

#include "proxy_config.hpp"

#include <picotorrent/sdk/sdk.hpp>
#include <string>
#include <vector>

namespace pico::proxy {

/// The plugin instance the host creates.
class proxy_plugin final : public sdk::plugin {
  public:
    /// Applies the configuration. Throws (refusing the plugin, with the error logged) when the
    /// section is invalid or the host refuses a setting.
    void start(sdk::host& h) override;
    /// Drops the event subscriptions; the session keeps the proxy settings.
    void stop() override;

  private:
    void apply(proxy_config const& config);
    void on_settings_changed(sdk::settings_changed_event const& e);
    void on_error(std::string const& what, std::string const& message);

    sdk::host* m_host = nullptr;
    proxy_config m_config;
    bool m_auth_reported = false;
    std::vector<sdk::subscription> m_subscriptions;
};

} // namespace pico::proxy
