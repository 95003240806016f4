#include "core/application.hpp"

#include "config/config_check.hpp"
#include "config/config_paths.hpp"
#include "config/settings_mapping.hpp"
#include "core/plugin_host.hpp"
#include "plugins/fail_closed.hpp"
#include "plugins/installed_config_keys.hpp"
#include "plugins/option_owners.hpp"
#include "plugins/selection_check.hpp"
#include "util/host_version.hpp"

#include <boost/asio/post.hpp>
#include <csignal>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace pico::core {
namespace {

bool looks_like_magnet(std::string const& s)
{
    return s.rfind("magnet:", 0) == 0;
}

char const* signal_name(int signal)
{
    switch (signal) {
    case SIGINT:
        return "SIGINT";
    case SIGHUP:
        return "SIGHUP";
    default:
        return "SIGTERM";
    }
}

} // namespace

application::application(host_options options)
    : m_options(std::move(options)),
      m_config(config::config_store::load(
          config::locate_config_file(m_options.config_file, config::executable_dir()),
          m_options.config_file ? config::missing_file::is_error : config::missing_file::is_empty)),
      m_events([this](std::string const& id, std::string const& what) { plugin_failed(id, what); }),
      m_hooks([this](std::string const& id, std::string const& what) { plugin_failed(id, what); }),
      m_signals(m_ioc), m_service_notifier(util::service_notifier::from_environment())
{
    m_state_dir = m_options.state_dir ? *m_options.state_dir : config::default_state_dir();
    auto const effective = config::effective_config(m_config.document());
    m_save_path = m_options.save_path ? *m_options.save_path : effective.at("save_path").get<std::string>();
    // Two hosts on one state directory would fight over its resume data (seed keeps none).
    if (m_options.persist)
        m_state_lock.emplace(m_state_dir);
    m_log.open_file(m_state_dir / "picotorrent.log");
    m_log.set_console_level(m_options.console_level);
    m_pool.on_error = [this](std::string const& what) {
        m_log.write(sdk::log_level::error, "host", "background task failed: " + what);
    };

    session::session_options so;
    auto const role = config::role_for_mode(m_options.mode);
    so.settings = config::make_settings_pack(m_config.document(), role);
    auto const disk_io = config::disk_io_for(m_config.document(), role);
    so.disk_io = config::disk_io_constructor(disk_io);
    if (m_options.wrap_disk_io)
        so.disk_io = m_options.wrap_disk_io(std::move(so.disk_io));
    m_log.write(sdk::log_level::info, "session",
                disk_io == config::disk_io_backend::posix ? "disk I/O: posix (pread/pwrite)"
                                                          : "disk I/O: mmap (memory-mapped files)");
    so.state_dir = m_state_dir;
    so.default_save_path = m_save_path;
    so.persist = m_options.persist;
    so.resume_interval = m_options.resume_interval;
    so.restore_only = m_options.restore_only;
    m_session = std::make_unique<session::session_host>(
        m_ioc, std::move(so), [this](sdk::event const& e) { publish(e); },
        [this](sdk::log_level level, std::string const& line) { m_log.write(level, "session", line); },
        [this](sdk::add_torrent_request& request) { return m_hooks.run(request); });
    if (!m_options.setting_overrides.empty()) {
        auto st = m_session->apply_settings(m_options.setting_overrides);
        if (!st.ok)
            throw std::runtime_error(st.error);
    }
    m_plugins = std::make_unique<plugins::plugin_manager>(
        [this](sdk::log_level level, std::string const& line) { m_log.write(level, "plugins", line); });
}

application::~application()
{
    // Plugins go first: they may hold subscriptions into the bus and handles to services.
    m_pool.shutdown();
    if (m_plugins)
        m_plugins->stop_all();
    m_plugins.reset();
    m_session.reset();
}

sdk::host_paths application::paths() const
{
    sdk::host_paths p;
    p.config_file = m_config.file().string();
    p.state_dir = m_state_dir.string();
    p.default_save_path = m_save_path;
    return p;
}

bool application::start()
{
    return start_plugins_phase() && start_session_phase();
}

bool application::start_plugins_phase()
{
    m_started = true;
    m_log.write(sdk::log_level::info, "host",
                std::string("picotorrent ") + pico::host_version + " starting (" + m_options.mode +
                    "), config " + m_config.file().string() + ", state " + m_state_dir.string());
    // --plugin-dir folders first, then the ones beside the executable and the user's.
    auto dirs = m_options.plugin_dirs;
    for (auto& d : plugins::plugin_manager::default_search_dirs(config::executable_dir()))
        dirs.push_back(std::move(d));
    m_plugins->discover(dirs);
    // Each installed plugin's keys are checked before anything starts, as the host's are.
    try {
        plugins::add_installed_config_keys(m_config, m_plugins->records());
    } catch (config::config_error const& e) {
        m_log.write(sdk::log_level::error, "config", e.what());
        return false;
    }
    // Typos in the config would otherwise leave a default (DHT on) silently in place.
    auto const config_report = config::check_config(m_config);
    for (auto const& line : config_report.unknown_keys)
        m_log.write(m_options.strict ? sdk::log_level::error : sdk::log_level::warning, "config", line);
    for (auto const& line : config_report.not_validated)
        m_log.write(sdk::log_level::info, "config", line);
    if (m_options.strict && !config_report.unknown_keys.empty()) {
        m_log.write(sdk::log_level::error, "host", "unknown configuration keys and --strict: not starting");
        return false;
    }
    // Plugins come before the session: what they patch (the proxy's settings) must be in place
    // when libtorrent first listens and restored torrents first announce, not a moment later.
    start_plugins();
    if (auto const refusal = startup_refusal()) {
        m_log.write(sdk::log_level::error, "host", *refusal);
        return false;
    }
    return true;
}

bool application::start_session_phase()
{
    m_session->start();

    // Every plugin hears about every other one, whatever the load order was.
    for (auto const& r : m_plugins->records()) {
        if (r.state == plugins::plugin_state::running) {
            sdk::plugin_loaded_event e;
            e.id = r.info.id;
            e.version = r.info.version;
            publish(e);
        } else if (r.state == plugins::plugin_state::refused) {
            sdk::plugin_refused_event e;
            e.id = r.info.id;
            e.reason = r.reason;
            publish(e);
        }
    }
    publish(sdk::host_started_event{});

    bool all_added = true;
    for (auto const& t : m_options.torrents) {
        sdk::add_torrent_request request;
        request.source = looks_like_magnet(t) ? sdk::torrent_source::magnet : sdk::torrent_source::file;
        request.location = t;
        request.peers = m_options.peers;
        auto result = m_session->add(std::move(request));
        if (!result.ok) {
            m_log.write(sdk::log_level::error, "host", t + ": " + result.error);
            all_added = false;
        } else if (result.duplicate) {
            // Restored from resume data: still dial the peers the command line named.
            for (auto const& peer : m_options.peers)
                m_session->connect_peer(result.info_hash, peer);
        }
    }
    // Ready means what a unit ordered after this one may rely on: the plugins started (the
    // WebSocket accepts), the session running with its saved and command-line torrents added.
    if (all_added)
        notify_service_manager("READY=1\nSTATUS=running");
    return all_added;
}

void application::notify_service_manager(std::string const& state)
{
    if (auto const error = m_service_notifier.notify(state); !error.empty())
        m_log.write(sdk::log_level::warning, "host", error);
}

void application::start_plugins()
{
    if (m_options.plugins) {
        // A typo in --plugins (prxy) must not quietly drop a plugin the user meant to run.
        m_plugin_refusal = plugins::unknown_selected_id(m_plugins->records(), *m_options.plugins);
        if (m_plugin_refusal)
            return;
    }
    plugins::selection sel;
    sel.none = m_options.no_plugins;
    sel.allow_front_end = m_options.mode == "gui";
    if (m_options.plugins) {
        sel.only = m_options.plugins;
    } else if (auto const list = m_config.value("plugins"); list.is_array()) {
        sel.only = list.get<std::vector<std::string>>();
    }
    m_plugins->select(sel);
    m_plugins->load_and_start([this](plugins::plugin_record const& record) -> std::unique_ptr<sdk::host> {
        return std::make_unique<plugin_host>(*this, record.info.id, record.directory);
    });
}

std::optional<std::string> application::startup_refusal() const
{
    if (m_plugin_refusal)
        return m_plugin_refusal;
    auto const records = m_plugins->records();
    if (auto line = plugins::fail_closed_violation(records))
        return line;
    if (auto line = plugins::fail_closed_section_violation(records, m_config.document()))
        return line;
    std::vector<std::string> given;
    for (auto const& [name, values] : m_options.plugin_options)
        given.push_back(name);
    return plugins::unhandled_option(records, given);
}

int application::run()
{
    m_signals.add(SIGINT);
    m_signals.add(SIGTERM);
    // A closed terminal or `kill -HUP` saves resume data and stops like SIGTERM (no config reload).
    m_signals.add(SIGHUP);
    std::function<void(boost::system::error_code const&, int)> on_signal;
    on_signal = [this, &on_signal](boost::system::error_code const& ec, int signal) {
        if (ec)
            return;
        if (m_stopping) {
            // A second signal means the user will not wait for resume data.
            m_log.write(sdk::log_level::warning, "host", "second signal: exiting without waiting");
            std::_Exit(128 + signal);
        }
        m_log.write(sdk::log_level::info, "host",
                    std::string("received ") + signal_name(signal) + ", shutting down");
        request_stop(m_options.interrupted_exit_code);
        m_signals.async_wait(on_signal);
    };
    m_signals.async_wait(on_signal);

    if (!m_started && !start())
        request_stop(exit_bad_input);
    m_ioc.run();
    return m_exit_code;
}

void application::request_stop(int exit_code)
{
    if (m_stopping)
        return;
    if (m_front_end_running) {
        // The front-end's objects live on the main thread: its loop must end before plugins stop.
        if (!m_deferred_exit_code)
            m_deferred_exit_code = exit_code;
        m_front_end->quit();
        return;
    }
    m_stopping = true;
    m_exit_code = exit_code;
    // systemd then shows the unit as deactivating (not active) while resume data is saved, also
    // when the host stops on its own rather than by `systemctl stop`.
    notify_service_manager("STOPPING=1\nSTATUS=saving resume data");
    publish(sdk::host_stopping_event{});
    m_session->shutdown([this] {
        m_pool.shutdown();
        m_front_end.reset();
        m_plugins->stop_all();
        m_signals.cancel();
        m_log.write(sdk::log_level::info, "host", "stopped");
        m_ioc.stop();
    });
}

void application::plugin_failed(std::string const& id, std::string const& what)
{
    if (!m_failed_plugins.insert(id).second)
        return;
    m_log.write(sdk::log_level::error, "plugins", "plugin '" + id + "' " + what + "; plugin disabled");
    m_events.remove_owner(id);
    m_hooks.remove_owner(id);
    m_services.remove_provider(id);
    // Destroying the plugin must wait until its own callback has returned.
    if (m_front_end_running && id == m_front_end_owner) {
        // Its main-thread half is still running: end that first, then stop like any shutdown.
        request_stop(exit_failure);
        return;
    }
    boost::asio::post(m_ioc, [this, id, what] {
        bool const fail_closed = is_fail_closed(id);
        m_plugins->disable(id, what);
        sdk::plugin_refused_event e;
        e.id = id;
        e.reason = what;
        publish(e);
        // A plugin that guards the network (the proxy's force mode) no longer guards it once
        // disabled: the host stops rather than run on without it, as it would not have started.
        if (fail_closed) {
            m_log.write(sdk::log_level::error, "plugins",
                        "plugin '" + id +
                            "' is fail_closed, so the host stops instead of running without it");
            request_stop(exit_failure);
        }
    });
}

bool application::front_end_before_restore() const
{
    if (!m_front_end)
        return false;
    for (auto const& r : m_plugins->records()) {
        if (r.info.id == m_front_end_owner)
            return r.info.front_end_before_restore;
    }
    return false;
}

bool application::is_fail_closed(std::string const& id) const
{
    for (auto const& r : m_plugins->records()) {
        if (r.info.id == id && r.state == plugins::plugin_state::running)
            return r.info.fail_closed;
    }
    return false;
}

sdk::status application::write_config(std::string const& key, std::string const& json, std::string const& by)
{
    nlohmann::json value;
    try {
        value = nlohmann::json::parse(json);
    } catch (std::exception const& e) {
        return sdk::status::failure("invalid JSON for '" + key + "': " + e.what());
    }
    // A session.* change takes effect now, not at the next start: only the libtorrent settings it
    // changes are applied, so command-line overrides of other settings (--listen) stay.
    bool const session_key = key == "session" || key.rfind("session.", 0) == 0;
    std::optional<lt::settings_pack> before;
    try {
        if (session_key && m_session)
            before = config::make_settings_pack(m_config.document());
        m_config.set(key, std::move(value));
    } catch (std::exception const& e) {
        return sdk::status::failure(e.what());
    }
    if (before) {
        auto const changed =
            config::changed_settings(*before, config::make_settings_pack(m_config.document()));
        if (!changed.empty()) {
            if (auto st = m_session->apply_settings(changed); !st.ok)
                return st;
        }
    }
    sdk::settings_changed_event e;
    e.config_keys.push_back(key);
    e.changed_by = by;
    publish(e);
    return sdk::status::success();
}

sdk::status application::set_front_end(std::string const& id, std::shared_ptr<sdk::front_end> fe)
{
    if (m_options.mode != "gui")
        return sdk::status::failure("front-ends run only under `picotorrent gui`");
    if (!fe)
        return sdk::status::failure("no front-end given");
    if (m_front_end && m_front_end_owner != id)
        return sdk::status::failure("plugin '" + m_front_end_owner + "' is already the front-end");
    m_front_end = std::move(fe);
    m_front_end_owner = id;
    return sdk::status::success();
}

void application::front_end_returned()
{
    m_front_end_running = false;
    request_stop(m_deferred_exit_code.value_or(exit_ok));
}

} // namespace pico::core
