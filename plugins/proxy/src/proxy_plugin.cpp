#include "proxy_plugin.hpp"

#include "auth_failure.hpp"
#include "proxy_settings.hpp"

#include <algorithm>
#include <stdexcept>

namespace pico::proxy {

void proxy_plugin::start(sdk::host& h)
{
    m_host = &h;
    try {
        apply(parse_proxy_config(h.config_section()));
    } catch (std::exception const& e) {
        // Logged here as well, so the line is there whatever the host does with the refusal.
        h.log(sdk::log_level::error, e.what());
        throw;
    }
    m_subscriptions.push_back(
        sdk::subscribe<sdk::settings_changed_event>(h, [this](auto const& e) { on_settings_changed(e); }));
    m_subscriptions.push_back(sdk::subscribe<sdk::tracker_error_event>(
        h, [this](auto const& e) { on_error("tracker " + e.url, e.message); }));
    m_subscriptions.push_back(sdk::subscribe<sdk::torrent_error_event>(
        h, [this](auto const& e) { on_error("torrent '" + e.torrent.name + "'", e.message); }));
}

void proxy_plugin::stop()
{
    m_subscriptions.clear();
    m_host = nullptr;
}

void proxy_plugin::apply(proxy_config const& config)
{
    auto const st = m_host->apply_settings(make_settings(config));
    if (!st.ok)
        throw std::runtime_error("proxy: the host refused the proxy settings: " + st.error);
    m_config = config;
    m_auth_reported = false;
    if (config.type == proxy_kind::none) {
        m_host->log(sdk::log_level::info, "no proxy (proxy.type is none)");
        return;
    }
    m_host->log(sdk::log_level::info, "using " + describe(config) + (config.force ? ", force proxy on" : ""));
    if (config.force && config.type == proxy_kind::socks4)
        m_host->log(sdk::log_level::warning, "socks4 cannot resolve names: tracker hostnames are looked up "
                                             "locally (use socks5 to avoid this)");
}

void proxy_plugin::on_settings_changed(sdk::settings_changed_event const& e)
{
    auto const id = m_host->plugin_id();
    if (std::find(e.config_keys.begin(), e.config_keys.end(), id) != e.config_keys.end()) {
        try {
            apply(parse_proxy_config(m_host->config_section()));
        } catch (std::exception const& ex) {
            m_host->log(sdk::log_level::error,
                        std::string(ex.what()) + "; keeping the previous proxy settings");
        }
        return;
    }
    if (!m_config.force || e.changed_by == id)
        return;
    // Someone else changed a setting force mode pins: put it back, and say so.
    std::map<std::string, sdk::setting_value> restore;
    for (auto const& name : e.settings) {
        auto it = forced_settings().find(name);
        if (it != forced_settings().end() && m_host->setting(name) != it->second)
            restore.insert(*it);
    }
    if (restore.empty())
        return;
    std::string names;
    for (auto const& [name, value] : restore)
        names += (names.empty() ? "" : ", ") + name;
    auto const st = m_host->apply_settings(restore);
    m_host->log(st.ok ? sdk::log_level::warning : sdk::log_level::error,
                (e.changed_by.empty() ? std::string("the host") : "plugin '" + e.changed_by + "'") +
                    " changed " + names +
                    (st.ok ? "; restored because proxy.force is on" : "; could not restore: " + st.error));
}

void proxy_plugin::on_error(std::string const& what, std::string const& message)
{
    if (m_config.type == proxy_kind::none || m_auth_reported || !is_proxy_auth_failure(message))
        return;
    // Once per configuration: every tracker and torrent would repeat it.
    m_auth_reported = true;
    m_host->log(sdk::log_level::error, describe(m_config) + " refused our credentials (" + message + ", " +
                                           what + "): check proxy.username and proxy.password");
}

} // namespace pico::proxy
