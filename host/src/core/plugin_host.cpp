#include "core/plugin_host.hpp"

#include "cli/torrent_creation_job.hpp"
#include "config/config_store.hpp"
#include "core/application.hpp"
#include "session/torrent_queries.hpp"
#include "util/host_version.hpp"

#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

namespace pico::core {

plugin_host::plugin_host(application& app, std::string id, std::filesystem::path plugin_dir)
    : m_app(app), m_id(std::move(id)), m_plugin_dir(std::move(plugin_dir))
{
}

plugin_host::~plugin_host()
{
    *m_alive = false;
}

sdk::add_torrent_result plugin_host::add_torrent(sdk::add_torrent_request request)
{
    return m_app.session().add(std::move(request));
}

bool plugin_host::remove_torrent(std::string const& info_hash, sdk::remove_mode mode)
{
    return m_app.session().remove(info_hash, mode);
}

bool plugin_host::pause_torrent(std::string const& info_hash)
{
    return m_app.session().pause(info_hash);
}

bool plugin_host::resume_torrent(std::string const& info_hash)
{
    return m_app.session().resume(info_hash);
}

bool plugin_host::force_recheck(std::string const& info_hash)
{
    return m_app.session().force_recheck(info_hash);
}

bool plugin_host::move_storage(std::string const& info_hash, std::string const& new_save_path)
{
    return m_app.session().move_storage(info_hash, new_save_path);
}

std::vector<sdk::torrent_snapshot> plugin_host::torrents()
{
    return m_app.session().torrents();
}

std::optional<sdk::torrent_snapshot> plugin_host::find_torrent(std::string const& info_hash)
{
    return m_app.session().find(info_hash);
}

std::vector<sdk::file_entry> plugin_host::files(std::string const& info_hash)
{
    return m_app.session().files(info_hash);
}

bool plugin_host::set_file_priorities(std::string const& info_hash,
                                      std::vector<std::uint8_t> const& priorities)
{
    return m_app.session().set_file_priorities(info_hash, priorities);
}

sdk::subscription plugin_host::add_hook(sdk::add_torrent_hook hook, std::int32_t order)
{
    return m_app.hooks().add(m_id, std::move(hook), order);
}

sdk::subscription plugin_host::subscribe(sdk::event_type type, std::function<void(sdk::event const&)> handler)
{
    return m_app.events().subscribe(m_id, type, std::move(handler));
}

sdk::status plugin_host::apply_settings(std::map<std::string, sdk::setting_value> const& settings)
{
    std::vector<std::string> applied;
    auto st = m_app.session().apply_settings(settings, &applied);
    if (!st.ok) {
        m_app.log().write(sdk::log_level::error, m_id, st.error);
        return st;
    }
    sdk::settings_changed_event e;
    e.settings = std::move(applied);
    e.changed_by = m_id;
    m_app.publish(e);
    return st;
}

std::optional<sdk::setting_value> plugin_host::setting(std::string const& name)
{
    return m_app.session().setting(name);
}

std::string plugin_host::config_section()
{
    return m_app.config().value(m_id).dump();
}

sdk::status plugin_host::set_config_section(std::string const& json)
{
    return m_app.write_config(m_id, json, m_id);
}

std::string plugin_host::config()
{
    return config::effective_config(m_app.config().document(), m_app.config().schema()).dump();
}

sdk::status plugin_host::set_config_value(std::string const& key, std::string const& json)
{
    return m_app.write_config(key, json, m_id);
}

void plugin_host::log(sdk::log_level level, std::string_view message)
{
    m_app.log().write(level, m_id, message);
}

void plugin_host::post(std::function<void()> work)
{
    std::weak_ptr<bool> alive = m_alive;
    application* app = &m_app;
    std::string id = m_id;
    boost::asio::post(m_app.io(), [alive, app, id, work = std::move(work)] {
        auto a = alive.lock();
        if (!a || !*a)
            return; // the plugin is gone; its work goes with it
        try {
            work();
        } catch (std::exception const& e) {
            app->plugin_failed(id, std::string("threw from posted work: ") + e.what());
        } catch (...) {
            app->plugin_failed(id, "threw a non-standard exception from posted work");
        }
    });
}

void plugin_host::post_background(std::function<void()> work)
{
    std::weak_ptr<bool> alive = m_alive;
    application* app = &m_app;
    std::string id = m_id;
    m_app.pool().post([alive, app, id, work = std::move(work)] {
        try {
            work();
        } catch (std::exception const& e) {
            std::string what = std::string("threw from background work: ") + e.what();
            boost::asio::post(app->io(), [alive, app, id, what] {
                if (alive.lock())
                    app->plugin_failed(id, what);
            });
        }
    });
}

sdk::subscription plugin_host::publish_service(std::string const& name, std::uint32_t version,
                                               std::shared_ptr<void> object)
{
    auto sub = m_app.services().publish(name, version, m_id, std::move(object),
                                        m_app.plugin_manager().library_keepalive(m_id));
    if (!sub)
        m_app.log().write(sdk::log_level::warning, m_id, "service '" + name + "' not published: name taken");
    return sub;
}

std::optional<sdk::service_handle> plugin_host::find_service(std::string const& name,
                                                             std::uint32_t min_version)
{
    return m_app.services().find(name, min_version);
}

std::string plugin_host::host_version()
{
    return pico::host_version;
}

std::uint32_t plugin_host::sdk_version()
{
    return PICO_SDK_VERSION;
}

sdk::host_paths plugin_host::paths()
{
    auto p = m_app.paths();
    p.plugin_dir = m_plugin_dir.string();
    return p;
}

std::string plugin_host::plugin_id()
{
    return m_id;
}

std::string plugin_host::host_mode()
{
    return m_app.options().mode;
}

std::vector<std::string> plugin_host::option_values(std::string const& name)
{
    auto const& opts = m_app.options().plugin_options;
    auto it = opts.find(name);
    return it == opts.end() ? std::vector<std::string>{} : it->second;
}

sdk::status plugin_host::set_front_end(std::shared_ptr<sdk::front_end> fe)
{
    return m_app.set_front_end(m_id, std::move(fe));
}

std::vector<sdk::peer_entry> plugin_host::peers(std::string const& info_hash)
{
    auto h = m_app.session().handle(info_hash);
    return h ? session::peer_entries(*h) : std::vector<sdk::peer_entry>{};
}

std::vector<sdk::tracker_entry> plugin_host::trackers(std::string const& info_hash)
{
    auto h = m_app.session().handle(info_hash);
    return h ? session::tracker_entries(*h) : std::vector<sdk::tracker_entry>{};
}

std::vector<std::int64_t> plugin_host::file_progress(std::string const& info_hash)
{
    auto h = m_app.session().handle(info_hash);
    return h ? session::file_progress(*h) : std::vector<std::int64_t>{};
}

sdk::session_statistics plugin_host::session_stats()
{
    return session::session_statistics(m_app.session(), m_app.paths().default_save_path);
}

std::optional<sdk::rate_limits> plugin_host::torrent_limits(std::string const& info_hash)
{
    auto h = m_app.session().handle(info_hash);
    if (!h)
        return std::nullopt;
    return session::torrent_rate_limits(*h);
}

sdk::status plugin_host::set_torrent_limits(std::string const& info_hash, sdk::rate_limits limits)
{
    auto h = m_app.session().handle(info_hash);
    if (!h)
        return sdk::status::failure("no torrent with info hash " + info_hash);
    return session::set_torrent_rate_limits(*h, limits);
}

sdk::rate_limits plugin_host::global_limits()
{
    auto value = [this](char const* name) {
        auto v = m_app.session().setting(name);
        return v ? std::max<std::int64_t>(0, std::get<std::int64_t>(*v)) : 0;
    };
    return {value("download_rate_limit"), value("upload_rate_limit")};
}

sdk::status plugin_host::set_global_limits(sdk::rate_limits limits)
{
    if (auto error = session::check_rate_limits(limits))
        return sdk::status::failure(*error);
    // Through apply_settings so plugins hear settings_changed like for any other settings patch.
    return apply_settings({{"download_rate_limit", limits.download}, {"upload_rate_limit", limits.upload}});
}

bool plugin_host::move_in_queue(std::string const& info_hash, sdk::queue_move move)
{
    auto h = m_app.session().handle(info_hash);
    if (!h)
        return false;
    session::move_in_queue(*h, move);
    return true;
}

void plugin_host::create_torrent(sdk::create_torrent_request request, sdk::create_progress progress,
                                 sdk::create_done done)
{
    std::weak_ptr<bool> alive = m_alive;
    application* app = &m_app;
    std::string id = m_id;
    // Hashing may take minutes: the pool does it; only the end comes back to the host thread.
    m_app.pool().post([alive, app, id, request = std::move(request), progress = std::move(progress),
                       done = std::move(done)] {
        // A plugin that went away stops its hashing at the next piece.
        auto const still_wanted = [&alive, &progress](std::int32_t d, std::int32_t total) {
            auto a = alive.lock();
            return a && *a && (!progress || progress(d, total));
        };
        auto result =
            cli::run_creation_job(request, still_wanted, std::string("PicoTorrent ") + pico::host_version);
        boost::asio::post(app->io(), [alive, app, id, done, result = std::move(result)] {
            auto a = alive.lock();
            if (!a || !*a || !done)
                return;
            try {
                done(result);
            } catch (std::exception const& e) {
                app->plugin_failed(id, std::string("threw from create_torrent's callback: ") + e.what());
            } catch (...) {
                app->plugin_failed(id, "threw a non-standard exception from create_torrent's callback");
            }
        });
    });
}

} // namespace pico::core
