#include "core/service_registry.hpp"

namespace pico::core {

sdk::subscription service_registry::publish(std::string const& name, std::uint32_t version,
                                            std::string const& provider, std::shared_ptr<void> object,
                                            std::shared_ptr<void> keepalive)
{
    if (name.empty() || !object || m_state->services.count(name))
        return {};
    // The aliasing constructor makes every copy of the object also hold the library:
    // code from a plugin's library must stay mapped while its objects live (Boost.DLL tutorial 8).
    struct holder {
        std::shared_ptr<void> keepalive;
        std::shared_ptr<void> object;
    };
    void* raw = object.get();
    auto owner = std::make_shared<holder>(holder{std::move(keepalive), std::move(object)});
    std::shared_ptr<void> guarded(owner, raw);
    m_state->services[name] = sdk::service_handle{name, version, provider, std::move(guarded)};

    std::weak_ptr<state> weak = m_state;
    return sdk::subscription([weak, name, provider] {
        if (auto s = weak.lock()) {
            auto it = s->services.find(name);
            if (it != s->services.end() && it->second.provider == provider)
                s->services.erase(it);
        }
    });
}

std::optional<sdk::service_handle> service_registry::find(std::string const& name,
                                                          std::uint32_t min_version) const
{
    auto it = m_state->services.find(name);
    if (it == m_state->services.end() || it->second.version < min_version)
        return std::nullopt;
    return it->second;
}

void service_registry::remove_provider(std::string const& provider)
{
    for (auto it = m_state->services.begin(); it != m_state->services.end();) {
        if (it->second.provider == provider)
            it = m_state->services.erase(it);
        else
            ++it;
    }
}

} // namespace pico::core
