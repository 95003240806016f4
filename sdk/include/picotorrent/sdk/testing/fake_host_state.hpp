// The parts of pico::sdk::testing::fake_host that keep state: registrations (hooks, handlers,
// services) that may outlive the host, and the log. Include fake_host.hpp, not this file.
#pragma once

#include <algorithm>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <picotorrent/sdk/host.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pico::sdk::testing {

/// One line a plugin logged.
struct log_line {
    /// Its severity.
    log_level level;
    /// Its text, without the host's plugin-id prefix.
    std::string message;
};

/// A JSON object's text from top-level keys and the JSON text of their values.
inline std::string config_object_text(std::map<std::string, std::string> const& values)
{
    std::string out = "{";
    for (auto const& entry : values) {
        if (out.size() > 1)
            out += ',';
        out += '"' + entry.first + "\":" + entry.second; // keys are plugin ids and config names
    }
    return out + "}";
}

namespace detail {

// Hooks, handlers and services live in shared lists with stable iterators, so a subscription
// that outlives the host unregisters nothing and does not crash.
class registrations {
  public:
    subscription add_hook(add_torrent_hook hook, std::int32_t order)
    {
        return track(m_hooks, hook_entry{order, std::make_shared<add_torrent_hook>(std::move(hook))});
    }
    subscription subscribe(event_type type, std::function<void(event const&)> handler)
    {
        return track(m_handlers, handler_entry{type, std::make_shared<std::function<void(event const&)>>(
                                                         std::move(handler))});
    }
    subscription publish(service_handle service)
    {
        if (find(service.name, 0))
            return {}; // the name is taken, as in the real host
        return track(m_services, std::move(service));
    }
    std::optional<service_handle> find(std::string const& name, std::uint32_t min_version) const
    {
        for (auto const& s : *m_services) {
            if (s.name == name && s.version >= min_version)
                return s;
        }
        return std::nullopt;
    }
    void fire(event const& e)
    {
        // A copy: a handler may unsubscribe (itself or others) while we deliver.
        std::vector<handler_entry> handlers(m_handlers->begin(), m_handlers->end());
        for (auto const& h : handlers) {
            if (h.first == e.type)
                (*h.second)(e);
        }
    }
    std::optional<std::string> run_hooks(add_torrent_request& request)
    {
        std::vector<hook_entry> hooks(m_hooks->begin(), m_hooks->end());
        std::stable_sort(hooks.begin(), hooks.end(),
                         [](auto const& a, auto const& b) { return a.first < b.first; });
        for (auto const& h : hooks) {
            auto d = (*h.second)(request);
            if (d.reject_reason)
                return d.reject_reason;
        }
        return std::nullopt;
    }
    std::size_t size() const { return m_hooks->size() + m_handlers->size() + m_services->size(); }

  private:
    template <class T> using registry = std::shared_ptr<std::list<T>>;
    using hook_entry = std::pair<std::int32_t, std::shared_ptr<add_torrent_hook>>;
    using handler_entry = std::pair<event_type, std::shared_ptr<std::function<void(event const&)>>>;

    template <class T> static subscription track(registry<T> const& list, T item)
    {
        auto const it = list->insert(list->end(), std::move(item));
        std::weak_ptr<std::list<T>> weak = list;
        return subscription([weak, it] {
            if (auto l = weak.lock())
                l->erase(it);
        });
    }

    registry<hook_entry> m_hooks = std::make_shared<std::list<hook_entry>>();
    registry<handler_entry> m_handlers = std::make_shared<std::list<handler_entry>>();
    registry<service_handle> m_services = std::make_shared<std::list<service_handle>>();
};

// Lines logged from any thread.
class log_record {
  public:
    void add(log_level level, std::string_view message)
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_lines.push_back({level, std::string(message)});
    }
    std::vector<log_line> lines() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_lines;
    }
    std::vector<std::string> matching(std::string const& text, log_level const* level) const
    {
        std::vector<std::string> out;
        for (auto const& l : lines()) {
            if ((!level || l.level == *level) && l.message.find(text) != std::string::npos)
                out.push_back(l.message);
        }
        return out;
    }
    std::size_t count(std::string const& text, log_level const* level) const
    {
        return matching(text, level).size();
    }
    std::string dump() const
    {
        std::ostringstream out;
        for (auto const& l : lines())
            out << "  [" << static_cast<int>(l.level) << "] " << l.message << '\n';
        return out.str();
    }

  private:
    mutable std::mutex m_mutex;
    std::vector<log_line> m_lines;
};

} // namespace detail
} // namespace pico::sdk::testing
