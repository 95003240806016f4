// The SDK's fake host as the plugin-manager tests need it: log lines go to a journal shared by
// every host of one test (so the order between plugins shows), and the host reports its own
// destruction there.
#pragma once

#include <functional>
#include <memory>
#include <picotorrent/sdk/testing/fake_host.hpp>
#include <string>
#include <vector>

namespace pico::test {

/// Lines "<plugin id>: <message>" from every fake host of one test, in order.
using journal = std::vector<std::string>;

class fake_host final : public sdk::testing::fake_host {
  public:
    fake_host(std::string plugin, std::shared_ptr<journal> lines, std::string config_section = "null")
        : m_journal(std::move(lines))
    {
        id = std::move(plugin);
        set_section(std::move(config_section));
    }

    ~fake_host() override
    {
        m_journal->push_back(id + ": host destroyed with " + std::to_string(registrations()) +
                             " registrations");
        if (on_destroy)
            on_destroy();
    }

    /// Runs when the host object is destroyed (after the plugin instance, before the library goes).
    std::function<void()> on_destroy;

    /// Subscriptions, hooks and services the plugin has not released.
    std::size_t live_registrations() const { return registrations(); }

    /// Runs the plugin's add-torrent hooks by order, as a decision.
    sdk::hook_decision decide(sdk::add_torrent_request& r)
    {
        auto reason = run_hooks(r);
        return reason ? sdk::hook_decision::reject(*reason) : sdk::hook_decision::accept();
    }

    void log(sdk::log_level level, std::string_view message) override
    {
        m_journal->push_back(id + ": " + std::string(message));
        sdk::testing::fake_host::log(level, message);
    }

  private:
    std::shared_ptr<journal> m_journal;
};

} // namespace pico::test
