#include "file_filters_plugin.hpp"

#include "filter_config.hpp"

#include <algorithm>

namespace pico::file_filters {
namespace {

std::vector<std::uint8_t> priorities_of(std::vector<sdk::file_entry> const& files)
{
    std::vector<std::uint8_t> out;
    for (auto const& f : files) {
        auto const i = static_cast<std::size_t>(std::max(f.index, 0));
        if (out.size() <= i)
            out.resize(i + 1, sdk::default_priority);
        out[i] = f.priority;
    }
    return out;
}

std::string wanted_summary(std::string const& name, selection_result const& r, std::size_t files)
{
    return "'" + name + "': " + std::to_string(r.wanted) + " of " + std::to_string(files) + " files wanted";
}

} // namespace

void file_filters_plugin::start(sdk::host& h)
{
    m_host = &h;
    // An unusable section refuses the plugin: guessing which files a user wanted is worse.
    auto configured = parse_filters(h.config_section());
    m_service = std::make_shared<filter_service>(configured);
    use_filters(std::move(configured));

    m_subscriptions.push_back(
        h.add_hook([this](sdk::add_torrent_request& r) { return on_add(r); }, hook_order));
    m_subscriptions.push_back(
        sdk::subscribe<sdk::metadata_received_event>(h, [this](auto const& e) { on_metadata(e); }));
    m_subscriptions.push_back(
        sdk::subscribe<sdk::settings_changed_event>(h, [this](auto const& e) { on_settings_changed(e); }));
    m_subscriptions.push_back(sdk::publish_service<file_filters_service>(h, m_service));
}

void file_filters_plugin::stop()
{
    // Later registrations may depend on earlier ones; withdraw in reverse.
    while (!m_subscriptions.empty())
        m_subscriptions.pop_back();
    m_host = nullptr;
}

void file_filters_plugin::use_filters(std::vector<filter> configured)
{
    for (auto const& f : m_service->filters()) {
        if (!f.error.empty())
            m_host->log(sdk::log_level::warning, f.error);
    }
    m_selection.emplace(configured, m_host->option_values("include"), m_host->option_values("exclude"));
    if (auto e = m_selection->error())
        m_host->log(sdk::log_level::error, *e + "; torrents are not added until it is fixed");
    else if (!m_selection->empty())
        m_host->log(sdk::log_level::info, "filters in force: " + m_selection->describe());
}

sdk::hook_decision file_filters_plugin::on_add(sdk::add_torrent_request& request)
{
    if (m_selection->empty())
        return sdk::hook_decision::accept();
    if (auto e = m_selection->error())
        return sdk::hook_decision::reject(*e);
    // Magnet links have no file list yet: the filters apply when metadata arrives.
    if (request.files.empty())
        return sdk::hook_decision::accept();
    auto const r = m_selection->select(request.files, request.file_priorities);
    if (!r.ok)
        return sdk::hook_decision::reject(r.error);
    request.file_priorities = r.priorities;
    auto const line = wanted_summary(request.name, r, request.files.size());
    m_host->log(r.wanted ? sdk::log_level::info : sdk::log_level::warning, line);
    return sdk::hook_decision::accept();
}

void file_filters_plugin::on_metadata(sdk::metadata_received_event const& e)
{
    if (m_selection->empty())
        return;
    auto const current = priorities_of(e.files);
    auto const r = m_selection->select(e.files, current);
    if (!r.ok) {
        // The add can no longer be refused; removing it is the closest equivalent.
        m_host->log(sdk::log_level::error, "'" + e.torrent.name + "': " + r.error + "; torrent removed");
        m_host->remove_torrent(e.torrent.info_hash, sdk::remove_mode::keep_data);
        return;
    }
    if (r.priorities != current && !m_host->set_file_priorities(e.torrent.info_hash, r.priorities)) {
        m_host->log(sdk::log_level::error, "'" + e.torrent.name + "': could not set file priorities");
        return;
    }
    m_host->log(r.wanted ? sdk::log_level::info : sdk::log_level::warning,
                wanted_summary(e.torrent.name, r, e.files.size()));
}

void file_filters_plugin::on_settings_changed(sdk::settings_changed_event const& e)
{
    auto const id = m_host->plugin_id();
    if (std::find(e.config_keys.begin(), e.config_keys.end(), id) == e.config_keys.end())
        return;
    try {
        auto configured = parse_filters(m_host->config_section());
        m_service->update(configured);
        use_filters(std::move(configured));
    } catch (config_error const& ex) {
        m_host->log(sdk::log_level::error, std::string(ex.what()) + "; keeping the previous filters");
    }
}

} // namespace pico::file_filters
