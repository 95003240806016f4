#include "core/hook_chain.hpp"

#include <algorithm>
#include <exception>

namespace pico::core {

hook_chain::hook_chain(failure_handler on_failure) : m_on_failure(std::move(on_failure)) {}

sdk::subscription hook_chain::add(std::string owner, sdk::add_torrent_hook hook, std::int32_t order)
{
    auto e =
        std::make_shared<entry>(entry{std::move(owner), std::move(hook), order, m_state->next_sequence++});
    auto& hooks = m_state->hooks;
    auto pos = std::upper_bound(hooks.begin(), hooks.end(), e, [](auto const& a, auto const& b) {
        return a->order != b->order ? a->order < b->order : a->sequence < b->sequence;
    });
    hooks.insert(pos, e);
    std::weak_ptr<state> weak = m_state;
    return sdk::subscription([weak, e] {
        e->live = false;
        if (auto s = weak.lock())
            s->hooks.erase(std::remove(s->hooks.begin(), s->hooks.end(), e), s->hooks.end());
    });
}

std::optional<std::string> hook_chain::run(sdk::add_torrent_request& request)
{
    auto const snapshot = m_state->hooks;
    for (auto const& e : snapshot) {
        if (!e->live)
            continue;
        try {
            auto decision = e->hook(request);
            if (decision.reject_reason)
                return e->owner + ": " + *decision.reject_reason;
        } catch (std::exception const& ex) {
            m_on_failure(e->owner, std::string("threw from its add-torrent hook: ") + ex.what());
        } catch (...) {
            m_on_failure(e->owner, "threw a non-standard exception from its add-torrent hook");
        }
    }
    return std::nullopt;
}

void hook_chain::remove_owner(std::string const& owner)
{
    auto& hooks = m_state->hooks;
    for (auto& e : hooks) {
        if (e->owner == owner)
            e->live = false;
    }
    hooks.erase(std::remove_if(hooks.begin(), hooks.end(), [](auto const& e) { return !e->live; }),
                hooks.end());
}

} // namespace pico::core
