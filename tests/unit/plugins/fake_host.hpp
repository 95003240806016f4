// A minimal pico::sdk::host for loading real fixture plugins in unit tests: it records log
// lines (shared across hosts, so order between plugins shows), keeps subscriptions and hooks so
// a test can fire events, and reports its own destruction.
#pragma once

#include <picotorrent/sdk/host.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pico::test {

/// Lines "<plugin id>: <message>" from every fake host of one test, in order.
using journal = std::vector<std::string>;

class fake_host final : public sdk::host {
public:
    fake_host(std::string id, std::shared_ptr<journal> lines, std::string config_section = "null")
        : m_id(std::move(id)), m_journal(std::move(lines)), m_config_section(std::move(config_section))
    {
    }

    ~fake_host() override
    {
        m_journal->push_back(m_id + ": host destroyed with " + std::to_string(live_registrations()) +
                             " registrations");
        if (on_destroy)
            on_destroy();
    }

    /// Runs when the host object is destroyed (after the plugin instance, before the library goes).
    std::function<void()> on_destroy;

    /// Delivers `e` to this plugin's subscribers of its type; lets exceptions through.
    void publish(sdk::event const& e)
    {
        auto const handlers = *m_handlers;
        for (auto const& [key, entry] : handlers) {
            if (entry.first == e.type)
                entry.second(e);
        }
    }

    /// Runs the plugin's add-torrent hooks in registration order.
    sdk::hook_decision run_hooks(sdk::add_torrent_request& r)
    {
        auto const hooks = *m_hooks;
        for (auto const& [key, hook] : hooks) {
            auto d = hook(r);
            if (d.reject_reason)
                return d;
        }
        return sdk::hook_decision::accept();
    }

    /// Subscriptions and hooks the plugin has not released.
    std::size_t live_registrations() const { return m_handlers->size() + m_hooks->size(); }

    sdk::add_torrent_result add_torrent(sdk::add_torrent_request) override { return {}; }
    bool remove_torrent(std::string const&, sdk::remove_mode) override { return false; }
    bool pause_torrent(std::string const&) override { return false; }
    bool resume_torrent(std::string const&) override { return false; }
    bool force_recheck(std::string const&) override { return false; }
    bool move_storage(std::string const&, std::string const&) override { return false; }
    std::vector<sdk::torrent_snapshot> torrents() override { return {}; }
    std::optional<sdk::torrent_snapshot> find_torrent(std::string const&) override { return std::nullopt; }
    std::vector<sdk::file_entry> files(std::string const&) override { return {}; }
    bool set_file_priorities(std::string const&, std::vector<std::uint8_t> const&) override { return false; }

    sdk::subscription add_hook(sdk::add_torrent_hook hook, std::int32_t) override
    {
        auto const key = m_next_key++;
        m_hooks->emplace(key, std::move(hook));
        std::weak_ptr<std::map<int, sdk::add_torrent_hook>> hooks = m_hooks;
        return sdk::subscription([hooks, key] {
            if (auto h = hooks.lock())
                h->erase(key);
        });
    }

    sdk::subscription subscribe(sdk::event_type type, std::function<void(sdk::event const&)> handler) override
    {
        auto const key = m_next_key++;
        m_handlers->emplace(key, std::make_pair(type, std::move(handler)));
        std::weak_ptr<handler_map> handlers = m_handlers;
        return sdk::subscription([handlers, key] {
            if (auto h = handlers.lock())
                h->erase(key);
        });
    }

    sdk::status apply_settings(std::map<std::string, sdk::setting_value> const&) override
    {
        return sdk::status::failure("not supported by the test host");
    }
    std::optional<sdk::setting_value> setting(std::string const&) override { return std::nullopt; }
    std::string config_section() override { return m_config_section; }
    sdk::status set_config_section(std::string const& json) override
    {
        m_config_section = json;
        return sdk::status::success();
    }
    std::string config() override { return "{}"; }
    sdk::status set_config_value(std::string const&, std::string const&) override
    {
        return sdk::status::failure("not supported by the test host");
    }

    void log(sdk::log_level, std::string_view message) override { m_journal->push_back(m_id + ": " + std::string(message)); }
    void post(std::function<void()> work) override { work(); }
    void post_background(std::function<void()> work) override { work(); }

    sdk::subscription publish_service(std::string const&, std::uint32_t, std::shared_ptr<void>) override { return {}; }
    std::optional<sdk::service_handle> find_service(std::string const&, std::uint32_t) override { return std::nullopt; }

    std::string host_version() override { return "0.0.0-test"; }
    std::uint32_t sdk_version() override { return PICO_SDK_VERSION; }
    sdk::host_paths paths() override { return {}; }
    std::string plugin_id() override { return m_id; }
    std::string host_mode() override { return "run"; }
    std::vector<std::string> option_values(std::string const&) override { return {}; }

private:
    using handler_map = std::map<int, std::pair<sdk::event_type, std::function<void(sdk::event const&)>>>;

    std::string m_id;
    std::shared_ptr<journal> m_journal;
    std::string m_config_section;
    int m_next_key = 0;
    std::shared_ptr<handler_map> m_handlers = std::make_shared<handler_map>();
    std::shared_ptr<std::map<int, sdk::add_torrent_hook>> m_hooks = std::make_shared<std::map<int, sdk::add_torrent_hook>>();
};

} // namespace pico::test
