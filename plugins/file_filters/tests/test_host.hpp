// A pico::sdk::host double for plugin unit tests: records what a plugin asks of the host
// (logs, settings, hooks, subscriptions, services, priorities) and lets a test fire events
// and run the add-torrent hooks. Single-threaded: post() runs work at once.
#pragma once

#include <picotorrent/sdk/sdk.hpp>

#include <algorithm>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pico::test {

/// Records a plugin's calls; public members are the test's knobs and observations.
class test_host final : public sdk::host {
public:
    /// One log line.
    struct log_line {
        sdk::log_level level;
        std::string message;
    };
    /// One set_file_priorities call.
    struct priorities_call {
        std::string info_hash;
        std::vector<std::uint8_t> priorities;
    };
    /// One remove_torrent call.
    struct remove_call {
        std::string info_hash;
        sdk::remove_mode mode;
    };

    // --- knobs ------------------------------------------------------------------------
    /// What config_section() returns.
    std::string section = "null";
    /// What option_values(name) returns.
    std::map<std::string, std::vector<std::string>> options;
    /// Setting names apply_settings refuses (as the real host does for unknown names).
    std::vector<std::string> unknown_settings;
    /// What host_mode() returns.
    std::string mode = "run";
    /// Plugin id this host serves.
    std::string id = "test";

    // --- observations ---------------------------------------------------------------------
    std::vector<log_line> logs;
    /// Every successful apply_settings call, in order.
    std::vector<std::map<std::string, sdk::setting_value>> applied;
    /// The settings as they stand after every apply_settings call.
    std::map<std::string, sdk::setting_value> settings;
    std::vector<priorities_call> priority_calls;
    std::vector<remove_call> removed;

    /// Runs every live add-torrent hook by order; returns the first rejection, if any.
    std::optional<std::string> run_hooks(sdk::add_torrent_request& request)
    {
        std::vector<hook_entry> hooks(m_hooks->begin(), m_hooks->end());
        std::stable_sort(hooks.begin(), hooks.end(), [](auto const& a, auto const& b) { return a.first < b.first; });
        for (auto const& [order, hook] : hooks) {
            auto d = (*hook)(request);
            if (d.reject_reason)
                return d.reject_reason;
        }
        return std::nullopt;
    }

    /// Delivers an event to the handlers subscribed to its type.
    void fire(sdk::event const& e)
    {
        std::vector<handler_entry> handlers(m_handlers->begin(), m_handlers->end());
        for (auto const& [type, handler] : handlers) {
            if (type == e.type)
                (*handler)(e);
        }
    }

    /// Number of live hooks and subscriptions, to check that stop() releases them.
    std::size_t registrations() const { return m_hooks->size() + m_handlers->size() + m_services->size(); }

    /// True when some log line at `level` contains `text`.
    bool logged(sdk::log_level level, std::string const& text) const
    {
        return std::any_of(logs.begin(), logs.end(), [&](log_line const& l) {
            return l.level == level && l.message.find(text) != std::string::npos;
        });
    }

    // --- sdk::host --------------------------------------------------------------------
    sdk::add_torrent_result add_torrent(sdk::add_torrent_request request) override
    {
        sdk::add_torrent_result r;
        if (auto reason = run_hooks(request)) {
            r.error = *reason;
            return r;
        }
        r.ok = true;
        r.info_hash = request.info_hash;
        return r;
    }
    bool remove_torrent(std::string const& info_hash, sdk::remove_mode m) override
    {
        removed.push_back({info_hash, m});
        return true;
    }
    bool pause_torrent(std::string const&) override { return false; }
    bool resume_torrent(std::string const&) override { return false; }
    bool force_recheck(std::string const&) override { return false; }
    bool move_storage(std::string const&, std::string const&) override { return false; }
    std::vector<sdk::torrent_snapshot> torrents() override { return {}; }
    std::optional<sdk::torrent_snapshot> find_torrent(std::string const&) override { return std::nullopt; }
    std::vector<sdk::file_entry> files(std::string const&) override { return {}; }
    bool set_file_priorities(std::string const& info_hash, std::vector<std::uint8_t> const& p) override
    {
        priority_calls.push_back({info_hash, p});
        return true;
    }

    sdk::subscription add_hook(sdk::add_torrent_hook hook, std::int32_t order) override
    {
        return track(m_hooks, std::make_pair(order, std::make_shared<sdk::add_torrent_hook>(std::move(hook))));
    }

    sdk::subscription subscribe(sdk::event_type type, std::function<void(sdk::event const&)> handler) override
    {
        return track(m_handlers,
                     std::make_pair(type, std::make_shared<std::function<void(sdk::event const&)>>(std::move(handler))));
    }

    sdk::status apply_settings(std::map<std::string, sdk::setting_value> const& s) override
    {
        for (auto const& [name, value] : s) {
            if (std::find(unknown_settings.begin(), unknown_settings.end(), name) != unknown_settings.end())
                return sdk::status::failure("unknown libtorrent setting '" + name + "'");
        }
        applied.push_back(s);
        for (auto const& [name, value] : s)
            settings[name] = value;
        return sdk::status::success();
    }
    std::optional<sdk::setting_value> setting(std::string const& name) override
    {
        auto it = settings.find(name);
        return it == settings.end() ? std::nullopt : std::optional<sdk::setting_value>(it->second);
    }
    std::string config_section() override { return section; }
    sdk::status set_config_section(std::string const& json) override
    {
        section = json;
        return sdk::status::success();
    }
    std::string config() override { return "{}"; }
    sdk::status set_config_value(std::string const&, std::string const&) override { return sdk::status::success(); }

    void log(sdk::log_level level, std::string_view message) override { logs.push_back({level, std::string(message)}); }
    void post(std::function<void()> work) override { work(); }
    void post_background(std::function<void()> work) override { work(); }

    sdk::subscription publish_service(std::string const& name, std::uint32_t version,
                                      std::shared_ptr<void> object) override
    {
        sdk::service_handle h{name, version, id, std::move(object)};
        return track(m_services, std::move(h));
    }
    std::optional<sdk::service_handle> find_service(std::string const& name, std::uint32_t min_version) override
    {
        for (auto const& s : *m_services) {
            if (s.name == name && s.version >= min_version)
                return s;
        }
        return std::nullopt;
    }

    std::string host_version() override { return "0.0.0-test"; }
    std::uint32_t sdk_version() override { return PICO_SDK_VERSION; }
    sdk::host_paths paths() override { return {}; }
    std::string plugin_id() override { return id; }
    std::string host_mode() override { return mode; }
    std::vector<std::string> option_values(std::string const& name) override
    {
        auto it = options.find(name);
        return it == options.end() ? std::vector<std::string>{} : it->second;
    }

private:
    // Registrations live in shared lists (stable iterators) so a subscription may outlive the host.
    template <class T>
    using registry = std::shared_ptr<std::list<T>>;

    template <class T>
    static sdk::subscription track(registry<T> const& list, T item)
    {
        auto const it = list->insert(list->end(), std::move(item));
        std::weak_ptr<std::list<T>> weak = list;
        return sdk::subscription([weak, it] {
            if (auto l = weak.lock())
                l->erase(it);
        });
    }

    using hook_entry = std::pair<std::int32_t, std::shared_ptr<sdk::add_torrent_hook>>;
    using handler_entry = std::pair<sdk::event_type, std::shared_ptr<std::function<void(sdk::event const&)>>>;
    registry<hook_entry> m_hooks = std::make_shared<std::list<hook_entry>>();
    registry<handler_entry> m_handlers = std::make_shared<std::list<handler_entry>>();
    registry<sdk::service_handle> m_services = std::make_shared<std::list<sdk::service_handle>>();
};

} // namespace pico::test
