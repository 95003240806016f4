// The host for the updater's integration tests (the SDK's fake host: the test thread plays the
// host thread), and the built updater plugin loaded as the host loads it.
#pragma once

#include <nlohmann/json.hpp>
#include <picotorrent/sdk/plugin.hpp>
#include <picotorrent/sdk/testing/fake_host.hpp>
#include <string>
#include <utility>

namespace pico::updater::test {

/// The SDK's fake host, serving the updater, with the configuration as a JSON document.
class test_host final : public sdk::testing::fake_host {
  public:
    /// A host of `host_version` started in `host_mode`, with `config` as its configuration.
    explicit test_host(nlohmann::json const& config, std::string host_version = "0.1.0",
                       std::string host_mode = "run")
    {
        id = "updater";
        version = std::move(host_version);
        mode = std::move(host_mode);
        for (auto const& [key, value] : config.items())
            config_values[key] = value.dump();
    }

    /// The configuration as it is now (including writes by the plugin).
    nlohmann::json config_json() const
    {
        nlohmann::json out = nlohmann::json::object();
        for (auto const& [key, text] : config_values)
            out[key] = nlohmann::json::parse(text);
        return out;
    }
};

/// The built updater plugin, loaded with dlopen as the host would, one instance at a time.
class loaded_plugin {
  public:
    /// Loads the module (once per process) and creates an instance.
    loaded_plugin();
    /// Stops (if started and not stopped) and destroys the instance.
    ~loaded_plugin();
    loaded_plugin(loaded_plugin const&) = delete;
    loaded_plugin& operator=(loaded_plugin const&) = delete;

    /// Calls plugin::start on the test thread.
    void start(sdk::host& h);
    /// Calls plugin::stop on the test thread.
    void stop();

  private:
    sdk::plugin_descriptor const* m_descriptor = nullptr;
    sdk::plugin* m_plugin = nullptr;
    bool m_running = false;
};

} // namespace pico::updater::test
