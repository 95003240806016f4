// The session's life: creating it, restoring saved torrents, the one-second tick that posts
// status updates and saves changed resume data, and the shutdown that waits for those saves.
// The other stages live beside it: add_pipeline.cpp (requests into libtorrent),
// session_alerts.cpp (alerts into SDK events), torrent_control.cpp (per-torrent commands and
// queries) and session_settings.cpp (libtorrent settings by name).
#include "session/session_host.hpp"

#include "session/host_alerts.hpp"
#include "session/restore_batch.hpp"
#include "util/info_hash.hpp"

#include <boost/asio/post.hpp>
#include <stdexcept>

namespace pico::session {
namespace {

constexpr auto tick_period = std::chrono::seconds(1);

} // namespace

session_host::session_host(boost::asio::io_context& ioc, session_options options, publish_fn publish,
                           log_fn log, hooks_fn hooks)
    : m_ioc(ioc), m_options(std::move(options)), m_publish(std::move(publish)), m_log(std::move(log)),
      m_hooks(std::move(hooks)), m_tick_timer(ioc), m_shutdown_timer(ioc),
      m_foreign(m_options.persist ? std::optional<std::filesystem::path>(m_options.state_dir / "foreign")
                                  : std::nullopt)
{
}

session_host::~session_host()
{
    *m_alive = false;
    if (m_session) {
        // libtorrent must not call into a destroyed host.
        m_session->set_alert_notify([] {});
    }
}

void session_host::start()
{
    lt::session_params params;
    if (m_options.persist) {
        m_store.emplace(m_options.state_dir);
        m_unclean_stop.emplace(m_options.state_dir);
        std::string error;
        if (auto saved = m_store->load_session_state(&error))
            params = std::move(*saved);
        else if (!error.empty())
            m_log(sdk::log_level::warning, "session state not restored: " + error);
    }
    // Configuration wins over saved state: the saved state only brings back DHT nodes and the like.
    params.settings = m_options.settings;
    params.settings.set_int(lt::settings_pack::alert_mask,
                            params.settings.get_int(lt::settings_pack::alert_mask) |
                                static_cast<int>(host_alert_mask()));
    if (m_options.disk_io)
        params.disk_io_constructor = m_options.disk_io;
    m_session = std::make_unique<lt::session>(std::move(params));

    std::weak_ptr<bool> alive = m_alive;
    m_session->set_alert_notify([this, alive] {
        // Runs on a libtorrent thread: only hand over to the host thread.
        boost::asio::post(m_ioc, [this, alive] {
            if (auto a = alive.lock(); a && *a)
                handle_alerts();
        });
    });

    if (m_options.persist)
        restore_torrents();

    m_last_resume_save = m_last_stats = std::chrono::steady_clock::now();
    on_tick();
}

void session_host::restore_torrents()
{
    auto loaded = m_store->load_all();
    for (auto const& error : loaded.errors)
        m_log(sdk::log_level::warning, error);
    int const checked = m_unclean_stop->prepare_restores(loaded.torrents, m_options.restore_only);
    auto const count = loaded.torrents.size();
    auto batch = add_saved_torrents(*m_session, std::move(loaded.torrents), m_options.restore_only);
    m_torrents.merge(batch.handles);
    m_restoring = std::move(batch.submitted);
    if (count > 0)
        m_log(sdk::log_level::info, "restored " + std::to_string(m_torrents.size()) + " torrent(s)");
    if (checked > 0)
        m_log(sdk::log_level::warning, "the previous run did not stop cleanly: checking the files of " +
                                           std::to_string(checked) +
                                           " incomplete torrent(s) instead of trusting their resume data");
}

void session_host::on_tick()
{
    if (m_stopping || !m_session)
        return;
    // torrents_updated carries only changed torrents: libtorrent tracks which changed for us.
    m_session->post_torrent_updates();
    m_session->post_session_stats();
    auto const now = std::chrono::steady_clock::now();
    if (m_options.persist && now - m_last_resume_save >= m_options.resume_interval) {
        m_last_resume_save = now;
        save_changed_resume_data();
    }
    m_tick_timer.expires_after(tick_period);
    std::weak_ptr<bool> alive = m_alive;
    m_tick_timer.async_wait([this, alive](boost::system::error_code const& ec) {
        if (!ec && alive.lock())
            on_tick();
    });
}

void session_host::save_changed_resume_data()
{
    for (auto const& [key, h] : m_torrents) {
        if (h.is_valid() && h.need_save_resume_data())
            request_resume_data(h);
    }
}

void session_host::request_resume_data(lt::torrent_handle const& h)
{
    if (!m_options.persist || !h.is_valid())
        return;
    ++m_outstanding_resume;
    h.save_resume_data(lt::torrent_handle::save_info_dict);
}

void session_host::shutdown(std::function<void()> done, std::chrono::seconds timeout)
{
    if (m_stopping || !m_session) {
        if (done)
            boost::asio::post(m_ioc, std::move(done));
        return;
    }
    m_stopping = true;
    m_shutdown_done = std::move(done);
    m_tick_timer.cancel();
    // Pausing the session stops transfers, so the resume data we save is final.
    m_session->pause();
    if (m_options.persist) {
        for (auto const& [key, h] : m_torrents) {
            if (h.is_valid() && h.need_save_resume_data())
                request_resume_data(h);
        }
    }
    std::weak_ptr<bool> alive = m_alive;
    m_shutdown_timer.expires_after(timeout);
    m_shutdown_timer.async_wait([this, alive](boost::system::error_code const& ec) {
        if (ec || !alive.lock())
            return;
        m_log(sdk::log_level::warning,
              "gave up waiting for " + std::to_string(m_outstanding_resume) + " resume data save(s)");
        m_outstanding_resume = 0;
        if (m_unclean_stop)
            m_unclean_stop->resume_save_failed();
        finish_shutdown_if_done();
    });
    finish_shutdown_if_done();
}

void session_host::finish_shutdown_if_done()
{
    if (!m_stopping || m_outstanding_resume > 0 || !m_shutdown_done)
        return;
    m_shutdown_timer.cancel();
    if (m_store) {
        try {
            m_store->save_session_state(m_session->session_state());
        } catch (std::exception const& e) {
            m_log(sdk::log_level::error, std::string("cannot save session state: ") + e.what());
        }
        try {
            m_unclean_stop->finish(); // last: it vouches for everything saved before it
        } catch (std::exception const& e) {
            m_log(sdk::log_level::error, std::string("cannot record the clean stop: ") + e.what());
        }
    }
    auto done = std::move(m_shutdown_done);
    m_shutdown_done = nullptr;
    boost::asio::post(m_ioc, std::move(done));
}

int session_host::listen_port() const
{
    return m_session ? m_session->listen_port() : 0;
}

lt::session& session_host::native()
{
    if (!m_session)
        throw std::logic_error("the session is not running yet (session_host::start() has not been called)");
    return *m_session;
}

} // namespace pico::session
