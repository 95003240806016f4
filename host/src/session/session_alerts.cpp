// Alerts into SDK events, on the host thread. The alerts that also change the host's own
// bookkeeping (resume data, the torrent list, held magnets, owned deletes, rates) are handled
// here; every other alert is a plain mapping in alert_translator.cpp.
#include "session/host_alerts.hpp"
#include "session/restore_batch.hpp"
#include "session/session_host.hpp"
#include "session/snapshot.hpp"
#include "util/free_memory.hpp"
#include "util/info_hash.hpp"

#include <boost/asio/post.hpp>
#include <libtorrent/alert_types.hpp>
#include <libtorrent/torrent_info.hpp>

namespace pico::session {

lt::alert_category_t host_alert_mask()
{
    return lt::alert_category::error | lt::alert_category::status | lt::alert_category::storage |
           lt::alert_category::tracker | lt::alert_category::file_progress;
}

void session_host::handle_alerts()
{
    if (!m_session)
        return;
    std::vector<lt::alert*> alerts;
    m_session->pop_alerts(&alerts);
    bool const restoring = !m_restoring.empty();
    m_added_status = statuses_for_adds(*m_session, alerts);
    for (auto const* a : alerts) {
        try {
            translate(a);
        } catch (lt::system_error const& e) {
            // An alert about a torrent removed meanwhile: its handle no longer answers. The
            // removal's own alert follows; this one has nothing left to report.
            if (e.code() != lt::errors::invalid_torrent_handle)
                throw;
        }
        if (on_alert)
            on_alert(a);
    }
    m_added_status.clear();
    // Restoring parsed and freed the resume data of every saved torrent: give that back.
    if (restoring && m_restoring.empty())
        util::release_free_memory();
}

void session_host::translate(lt::alert const* a)
{
    if (!m_stopping && m_hash_conflicts.handle(a, m_log))
        return;
    // Persistence first: these alerts matter even while stopping.
    if (auto const* rd = lt::alert_cast<lt::save_resume_data_alert>(a))
        return on_resume_data_saved(*rd);
    if (auto const* rf = lt::alert_cast<lt::save_resume_data_failed_alert>(a))
        return on_resume_data_failed(*rf);
    if (auto const* added = lt::alert_cast<lt::add_torrent_alert>(a))
        return on_torrent_added(*added);
    if (auto const* removed = lt::alert_cast<lt::torrent_removed_alert>(a))
        return on_torrent_removed(*removed);
    if (auto const* md = lt::alert_cast<lt::metadata_received_alert>(a))
        return on_metadata_received(*md);
    if (auto const* fin = lt::alert_cast<lt::torrent_finished_alert>(a))
        return on_torrent_finished(*fin);
    if (auto const* paused = lt::alert_cast<lt::torrent_paused_alert>(a)) {
        request_resume_data(paused->handle);
        if (m_stopping)
            return;
        sdk::torrent_paused_event e;
        e.torrent = make_snapshot(paused->handle.status());
        return m_publish(e);
    }
    if (m_stopping)
        return;
    if (auto const* stats = lt::alert_cast<lt::session_stats_alert>(a))
        return on_session_stats(*stats);
    if (lt::alert_cast<lt::dht_bootstrap_alert>(a)) {
        // libtorrent announces a new torrent to the DHT at once, then every 15 minutes. Before
        // the DHT knew its routers, that first lookup found nothing: ask again now. (The alert
        // is in the dht category, which only `download` asks for.)
        // Posted: the DHT finishes taking in its bootstrap replies after the alert.
        std::weak_ptr<bool> alive = m_alive;
        boost::asio::post(m_ioc, [this, alive] {
            if (!alive.lock())
                return;
            for (auto const& [key, h] : m_torrents) {
                if (h.is_valid())
                    h.force_dht_announce();
            }
        });
        return;
    }
    translate_alert(a, m_publish, m_log, m_last_file_error);
}

void session_host::on_resume_data_saved(lt::save_resume_data_alert const& rd)
{
    --m_outstanding_resume;
    try {
        if (m_store)
            m_store->save(rd.params);
    } catch (std::exception const& e) {
        m_unclean_stop->resume_save_failed();
        m_log(sdk::log_level::error, std::string("cannot save resume data: ") + e.what());
    }
    finish_shutdown_if_done();
}

void session_host::on_resume_data_failed(lt::save_resume_data_failed_alert const& rf)
{
    --m_outstanding_resume;
    if (rf.error != lt::errors::resume_data_not_modified) {
        if (m_unclean_stop)
            m_unclean_stop->resume_save_failed();
        m_log(sdk::log_level::warning, "resume data not saved: " + rf.message());
    }
    finish_shutdown_if_done();
}

void session_host::on_torrent_added(lt::add_torrent_alert const& added)
{
    if (added.error) {
        auto const key = util::info_hash_string(added.params.ti ? added.params.ti->info_hashes()
                                                                : added.params.info_hashes);
        if (m_restoring.erase(key) > 0)
            m_log(sdk::log_level::error, "cannot restore torrent " + key + ": " + added.error.message());
        else
            m_log(sdk::log_level::error, "torrent not added: " + added.error.message());
        return;
    }
    auto const key = util::info_hash_string(added.handle.info_hashes());
    m_torrents[key] = added.handle;
    bool const restored = m_restoring.erase(key) > 0;
    if (!restored)
        request_resume_data(added.handle); // so a kill -9 right after adding still remembers it
    auto const prefetched = m_added_status.find(key);
    auto snap =
        make_snapshot(prefetched != m_added_status.end() ? prefetched->second : added.handle.status());
    m_names[key] = snap.name;
    if (m_stopping)
        return;
    sdk::torrent_added_event e;
    e.torrent = std::move(snap);
    e.restored = restored;
    m_publish(e);
}

void session_host::on_torrent_removed(lt::torrent_removed_alert const& removed)
{
    auto const key = util::info_hash_string(removed.info_hashes);
    m_torrents.erase(key);
    if (m_store)
        m_store->remove(key);
    if (auto it = m_owned_deletes.find(key); it != m_owned_deletes.end()) {
        for (auto const& problem : delete_owned_files(*it->second.ti, it->second.save_path, it->second.keep))
            m_log(sdk::log_level::warning, problem);
        m_log(sdk::log_level::info, "removed the data of " + key + " but kept " +
                                        std::to_string(it->second.keep.size()) +
                                        " file(s) that were there before it was added");
        m_owned_deletes.erase(it);
    }
    m_foreign.forget(key);
    sdk::torrent_removed_event e;
    e.info_hash = key;
    auto it = m_names.find(key);
    e.name = it != m_names.end() ? it->second : removed.torrent_name();
    m_names.erase(key);
    m_files_held.erase(key);
    m_priorities_applying.erase(key);
    if (!m_stopping)
        m_publish(e);
}

void session_host::on_metadata_received(lt::metadata_received_alert const& md)
{
    // A magnet's files become known only now; libtorrent writes none before a whole piece
    // has arrived and been checked, which is after this alert is handled.
    if (auto ti = md.handle.torrent_file())
        m_foreign.record(util::info_hash_string(md.handle.info_hashes()), *ti,
                         md.handle.status(lt::torrent_handle::query_save_path).save_path);
    request_resume_data(md.handle); // the info dictionary is now worth keeping
    auto const st = md.handle.status();
    auto snap = make_snapshot(st);
    m_names[snap.info_hash] = snap.name;
    // Still held while the event runs (a handler sees what `download` would); released after.
    bool const held = m_files_held.count(snap.info_hash) > 0;
    if (m_stopping) {
        m_files_held.erase(snap.info_hash);
        return;
    }
    sdk::metadata_received_event e;
    e.torrent = snap;
    e.files = file_entries(md.handle);
    if (!held) {
        m_publish(e);
        return;
    }
    // The files were held at "don't download": the event offers the default, and whatever
    // a filter sets while handling it is final. Only when none set anything do all files go
    // to the default, after the event, so no piece of an excluded file is ever requested.
    for (auto& f : e.files)
        f.priority = sdk::default_priority;
    // Held, the torrent looked finished the moment its metadata arrived: libtorrent told its
    // peers that it only uploads, and the seeds among them closed the connection, which
    // libtorrent would not retry for min_reconnect_time (60 s). The files are decided in upload
    // mode; leaving it makes libtorrent 2.0 forget when it last connected to each peer ("to
    // force fast reconnect after leaving upload mode"), so the seeds are tried again at once.
    bool const reconnect = !(st.flags & lt::torrent_flags::upload_mode);
    if (reconnect)
        md.handle.set_flags(lt::torrent_flags::upload_mode);
    m_priorities_set_for.clear();
    m_publish(e);
    m_files_held.erase(snap.info_hash);
    auto chosen = m_priorities_set_for.extract(snap.info_hash);
    m_priorities_set_for.clear();
    if (!md.handle.is_valid()) // a plugin removed it while handling the event
        return;
    auto ti = md.handle.torrent_file();
    if (chosen) {
        m_priorities_applying[snap.info_hash] = std::move(chosen.mapped());
    } else if (ti) {
        std::vector<lt::download_priority_t> all(static_cast<std::size_t>(ti->num_files()),
                                                 lt::default_priority);
        md.handle.prioritize_files(all);
        m_priorities_applying[snap.info_hash] = std::move(all);
    }
    // libtorrent sets file priorities on its disk thread: until they are applied the torrent
    // still wants nothing, which files_held() keeps from looking like an empty selection.
    if (reconnect)
        md.handle.unset_flags(lt::torrent_flags::upload_mode);
}

void session_host::on_torrent_finished(lt::torrent_finished_alert const& fin)
{
    request_resume_data(fin.handle);
    auto const st = fin.handle.status();
    // libtorrent also says "finished" when a check finds the data complete; the SDK event
    // means "downloaded", so only torrents that received payload in this run qualify.
    if (m_stopping || st.total_payload_download <= 0)
        return;
    sdk::torrent_finished_event e;
    e.torrent = make_snapshot(st);
    m_publish(e);
}

void session_host::on_session_stats(lt::session_stats_alert const& stats)
{
    auto e = make_stats_event(stats);
    auto const now = std::chrono::steady_clock::now();
    auto const recv = e.counters["net.recv_payload_bytes"];
    auto const sent = e.counters["net.sent_payload_bytes"];
    double const seconds = std::chrono::duration<double>(now - m_last_stats).count();
    // Rates from the counters' change since the last tick: libtorrent reports totals only.
    if (m_have_stats && seconds > 0.0) {
        e.download_rate =
            static_cast<std::int64_t>(static_cast<double>(recv - m_last_recv_payload) / seconds);
        e.upload_rate = static_cast<std::int64_t>(static_cast<double>(sent - m_last_sent_payload) / seconds);
    }
    m_have_stats = true;
    m_last_stats = now;
    m_last_recv_payload = recv;
    m_last_sent_payload = sent;
    m_publish(e);
}

} // namespace pico::session
