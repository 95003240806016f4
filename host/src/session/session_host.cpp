#include "session/session_host.hpp"

#include "session/alert_translator.hpp"
#include "session/info_hash.hpp"
#include "session/restore_batch.hpp"
#include "session/snapshot.hpp"
#include "util/free_memory.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>
#include <ctime>
#include <libtorrent/alert_types.hpp>
#include <libtorrent/load_torrent.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/settings_pack.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>
#include <stdexcept>

namespace pico::session {
namespace {

constexpr auto tick_period = std::chrono::seconds(1);

// What the host needs from libtorrent's alert queue; everything else stays off for speed.
lt::alert_category_t host_alert_mask()
{
    return lt::alert_category::error | lt::alert_category::status | lt::alert_category::storage |
           lt::alert_category::tracker | lt::alert_category::file_progress;
}

std::vector<sdk::file_entry> entries_from(lt::torrent_info const& ti)
{
    std::vector<sdk::file_entry> out;
    auto const& fs = ti.files();
    for (auto const i : fs.file_range()) {
        if (fs.pad_file_at(i))
            continue;
        sdk::file_entry e;
        e.index = static_cast<std::int32_t>(i);
        e.path = fs.file_path(i);
        std::replace(e.path.begin(), e.path.end(), '\\', '/');
        e.size = fs.file_size(i);
        out.push_back(std::move(e));
    }
    return out;
}

std::optional<lt::tcp::endpoint> parse_endpoint(std::string const& text)
{
    auto const colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0)
        return std::nullopt;
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    boost::system::error_code ec;
    auto const address = boost::asio::ip::make_address(host, ec);
    if (ec)
        return std::nullopt;
    try {
        int const port = std::stoi(text.substr(colon + 1));
        if (port <= 0 || port > 65535)
            return std::nullopt;
        return lt::tcp::endpoint(address, static_cast<unsigned short>(port));
    } catch (...) {
        return std::nullopt;
    }
}

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
    if (auto const* rd = lt::alert_cast<lt::save_resume_data_alert>(a)) {
        --m_outstanding_resume;
        try {
            if (m_store)
                m_store->save(rd->params);
        } catch (std::exception const& e) {
            m_unclean_stop->resume_save_failed();
            m_log(sdk::log_level::error, std::string("cannot save resume data: ") + e.what());
        }
        finish_shutdown_if_done();
        return;
    }
    if (auto const* rf = lt::alert_cast<lt::save_resume_data_failed_alert>(a)) {
        --m_outstanding_resume;
        if (rf->error != lt::errors::resume_data_not_modified) {
            if (m_unclean_stop)
                m_unclean_stop->resume_save_failed();
            m_log(sdk::log_level::warning, "resume data not saved: " + rf->message());
        }
        finish_shutdown_if_done();
        return;
    }
    if (auto const* added = lt::alert_cast<lt::add_torrent_alert>(a)) {
        if (added->error) {
            auto const key = info_hash_string(added->params.ti ? added->params.ti->info_hashes()
                                                               : added->params.info_hashes);
            if (m_restoring.erase(key) > 0)
                m_log(sdk::log_level::error, "cannot restore torrent " + key + ": " + added->error.message());
            else
                m_log(sdk::log_level::error, "torrent not added: " + added->error.message());
            return;
        }
        auto const key = info_hash_string(added->handle.info_hashes());
        m_torrents[key] = added->handle;
        bool const restored = m_restoring.erase(key) > 0;
        if (!restored)
            request_resume_data(added->handle); // so a kill -9 right after adding still remembers it
        auto const prefetched = m_added_status.find(key);
        auto snap =
            make_snapshot(prefetched != m_added_status.end() ? prefetched->second : added->handle.status());
        m_names[key] = snap.name;
        if (m_stopping)
            return;
        sdk::torrent_added_event e;
        e.torrent = std::move(snap);
        e.restored = restored;
        m_publish(e);
        return;
    }
    if (auto const* removed = lt::alert_cast<lt::torrent_removed_alert>(a)) {
        auto const key = info_hash_string(removed->info_hashes);
        m_torrents.erase(key);
        if (m_store)
            m_store->remove(key);
        if (auto it = m_owned_deletes.find(key); it != m_owned_deletes.end()) {
            for (auto const& problem :
                 delete_owned_files(*it->second.ti, it->second.save_path, it->second.keep))
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
        e.name = it != m_names.end() ? it->second : removed->torrent_name();
        m_names.erase(key);
        if (!m_stopping)
            m_publish(e);
        return;
    }
    if (auto const* md = lt::alert_cast<lt::metadata_received_alert>(a)) {
        // A magnet's files become known only now; libtorrent writes none before a whole piece
        // has arrived and been checked, which is after this alert is handled.
        if (auto ti = md->handle.torrent_file())
            m_foreign.record(info_hash_string(md->handle.info_hashes()), *ti,
                             md->handle.status(lt::torrent_handle::query_save_path).save_path);
        request_resume_data(md->handle); // the info dictionary is now worth keeping
        auto snap = make_snapshot(md->handle.status());
        m_names[snap.info_hash] = snap.name;
        bool const held = m_files_held.erase(snap.info_hash) > 0;
        if (m_stopping)
            return;
        sdk::metadata_received_event e;
        e.torrent = snap;
        e.files = file_entries(md->handle);
        if (!held) {
            m_publish(e);
            return;
        }
        // The files were held at "don't download": the event offers the default, and whatever
        // a filter sets while handling it is final. Only when none set anything do all files go
        // to the default, after the event, so no piece of an excluded file is ever requested.
        for (auto& f : e.files)
            f.priority = sdk::default_priority;
        m_priorities_set_for.clear();
        m_publish(e);
        bool const filtered = m_priorities_set_for.count(snap.info_hash) > 0;
        m_priorities_set_for.clear();
        auto ti = md->handle.torrent_file();
        if (!filtered && ti && md->handle.is_valid())
            md->handle.prioritize_files(std::vector<lt::download_priority_t>(
                static_cast<std::size_t>(ti->num_files()), lt::default_priority));
        return;
    }
    if (auto const* fin = lt::alert_cast<lt::torrent_finished_alert>(a)) {
        request_resume_data(fin->handle);
        auto const st = fin->handle.status();
        // libtorrent also says "finished" when a check finds the data complete; the SDK event
        // means "downloaded", so only torrents that received payload in this run qualify.
        if (m_stopping || st.total_payload_download <= 0)
            return;
        sdk::torrent_finished_event e;
        e.torrent = make_snapshot(st);
        m_publish(e);
        return;
    }
    if (auto const* paused = lt::alert_cast<lt::torrent_paused_alert>(a)) {
        request_resume_data(paused->handle);
        if (m_stopping)
            return;
        sdk::torrent_paused_event e;
        e.torrent = make_snapshot(paused->handle.status());
        m_publish(e);
        return;
    }
    if (m_stopping)
        return;
    if (auto const* stats = lt::alert_cast<lt::session_stats_alert>(a)) {
        auto e = make_stats_event(*stats);
        auto const now = std::chrono::steady_clock::now();
        auto const recv = e.counters["net.recv_payload_bytes"];
        auto const sent = e.counters["net.sent_payload_bytes"];
        double const seconds = std::chrono::duration<double>(now - m_last_stats).count();
        if (m_have_stats && seconds > 0.0) {
            e.download_rate =
                static_cast<std::int64_t>(static_cast<double>(recv - m_last_recv_payload) / seconds);
            e.upload_rate =
                static_cast<std::int64_t>(static_cast<double>(sent - m_last_sent_payload) / seconds);
        }
        m_have_stats = true;
        m_last_stats = now;
        m_last_recv_payload = recv;
        m_last_sent_payload = sent;
        m_publish(e);
        return;
    }
    translate_alert(a, m_publish, m_log, m_last_file_error);
}

sdk::add_torrent_result session_host::add(sdk::add_torrent_request request)
{
    sdk::add_torrent_result result;
    // Plugins start before the session does (so their settings are in it from the start).
    if (!m_session) {
        result.error = "the session is not running yet; add torrents from host_started on";
        return result;
    }
    std::string error;
    auto atp = prepare(request, error);
    if (!error.empty()) {
        result.error = error;
        return result;
    }
    result.info_hash = request.info_hash;

    if (m_torrents.count(request.info_hash)) {
        result.ok = true;
        result.duplicate = true;
        return result;
    }
    if (m_hooks) {
        if (auto reason = m_hooks(request)) {
            result.error = "rejected by " + *reason;
            return result;
        }
    }

    // Hooks may have changed these.
    atp.save_path = request.save_path.empty() ? m_options.default_save_path : request.save_path;
    if (request.paused) {
        atp.flags |= lt::torrent_flags::paused;
        atp.flags &= ~lt::torrent_flags::auto_managed;
    }
    if (!request.file_priorities.empty()) {
        atp.file_priorities.clear();
        for (auto p : request.file_priorities)
            atp.file_priorities.push_back(lt::download_priority_t(std::min<std::uint8_t>(p, 7)));
    }
    // Added to the peers libtorrent parsed from a magnet's x.pe, not in place of them.
    for (auto const& text : request.peers) {
        auto ep = parse_endpoint(text);
        if (!ep) {
            result.error = "invalid peer '" + text + "': expected HOST:PORT";
            return result;
        }
        atp.peers.push_back(*ep);
    }

    // Before libtorrent can create or write anything: which files were there already.
    if (atp.ti)
        m_foreign.record(request.info_hash, *atp.ti, atp.save_path);
    // A magnet without a file selection of its own downloads nothing until its metadata has
    // been through the hooks' and plugins' file filters (metadata_received below); otherwise a
    // fast peer can deliver excluded files before the filters are applied.
    bool const hold_files = !atp.ti && atp.file_priorities.empty();
    if (hold_files)
        atp.flags |= lt::torrent_flags::default_dont_download;
    lt::error_code ec;
    auto h = m_session->add_torrent(std::move(atp), ec);
    if (ec) {
        m_foreign.forget(request.info_hash);
        result.error = ec.message();
        return result;
    }
    m_torrents[request.info_hash] = h;
    m_names[request.info_hash] = request.name;
    if (hold_files)
        m_files_held.insert(request.info_hash);
    result.ok = true;
    return result;
}

lt::add_torrent_params session_host::prepare(sdk::add_torrent_request& request, std::string& error)
{
    lt::add_torrent_params atp;
    try {
        switch (request.source) {
        case sdk::torrent_source::file:
            atp = lt::load_torrent_file(request.location);
            break;
        case sdk::torrent_source::bytes:
            atp = lt::load_torrent_buffer(
                lt::span<char const>(request.data.data(), static_cast<std::ptrdiff_t>(request.data.size())));
            break;
        case sdk::torrent_source::magnet: {
            lt::error_code ec;
            atp = lt::parse_magnet_uri(request.location, ec);
            if (ec) {
                error = "invalid magnet link: " + ec.message();
                return atp;
            }
            break;
        }
        }
    } catch (lt::system_error const& e) {
        error = (request.source == sdk::torrent_source::file ? request.location + ": " : std::string()) +
                e.code().message();
        return atp;
    } catch (std::exception const& e) {
        error = e.what();
        return atp;
    }
    request.info_hash = info_hash_string(atp.ti ? atp.ti->info_hashes() : atp.info_hashes);
    if (atp.ti) {
        request.name = atp.ti->name();
        request.files = entries_from(*atp.ti);
        for (auto& f : request.files) {
            auto const i = static_cast<std::size_t>(f.index);
            if (i < request.file_priorities.size())
                f.priority = request.file_priorities[i];
        }
    } else {
        request.name = atp.name;
    }
    return atp;
}

bool session_host::remove(std::string const& info_hash, sdk::remove_mode mode)
{
    auto h = handle(info_hash);
    if (!h)
        return false;
    // Out of the list now, not at torrent_removed_alert: until then libtorrent already treats
    // the handle as invalid, and the next tick's status() on it would throw.
    auto const key = info_hash_string(h->info_hashes());
    m_torrents.erase(key);
    auto ti = h->torrent_file();
    if (mode == sdk::remove_mode::delete_data && ti && m_foreign.any(key)) {
        // libtorrent's delete_files would take the files that were there before: delete only
        // the others, once the torrent is gone (torrent_removed_alert).
        m_owned_deletes[key] = {ti, h->status(lt::torrent_handle::query_save_path).save_path,
                                m_foreign.of(key)};
        m_session->remove_torrent(*h);
        return true;
    }
    if (mode == sdk::remove_mode::keep_data && ti)
        m_foreign.remember_ours(key, *ti, h->status(lt::torrent_handle::query_save_path).save_path);
    m_session->remove_torrent(*h, mode == sdk::remove_mode::delete_data ? lt::session::delete_files
                                                                        : lt::remove_flags_t{});
    return true;
}

bool session_host::pause(std::string const& info_hash)
{
    auto h = handle(info_hash);
    if (!h)
        return false;
    // A user's pause takes the torrent out of the queue, or the queue would resume it.
    h->unset_flags(lt::torrent_flags::auto_managed);
    h->pause(lt::torrent_handle::graceful_pause);
    return true;
}

bool session_host::resume(std::string const& info_hash)
{
    auto h = handle(info_hash);
    if (!h)
        return false;
    h->set_flags(lt::torrent_flags::auto_managed);
    h->resume();
    return true;
}

bool session_host::force_recheck(std::string const& info_hash)
{
    auto h = handle(info_hash);
    if (!h)
        return false;
    h->force_recheck();
    return true;
}

bool session_host::move_storage(std::string const& info_hash, std::string const& path)
{
    auto h = handle(info_hash);
    if (!h)
        return false;
    h->move_storage(path);
    return true;
}

std::vector<sdk::torrent_snapshot> session_host::torrents()
{
    std::vector<sdk::torrent_snapshot> out;
    if (!m_session)
        return out;
    // Snapshots need the name and save path, which libtorrent only fills when asked.
    auto const flags = lt::torrent_handle::query_name | lt::torrent_handle::query_save_path;
    for (auto const& st :
         m_session->get_torrent_status([](lt::torrent_status const&) { return true; }, flags))
        out.push_back(make_snapshot(st));
    // Queue order first, then torrents outside the queue by name, so listings are stable.
    std::stable_sort(out.begin(), out.end(), [](auto const& a, auto const& b) {
        auto qa = a.queue_position < 0 ? INT32_MAX : a.queue_position;
        auto qb = b.queue_position < 0 ? INT32_MAX : b.queue_position;
        return qa != qb ? qa < qb : a.name < b.name;
    });
    return out;
}

std::optional<sdk::torrent_snapshot> session_host::find(std::string const& info_hash)
{
    auto h = handle(info_hash);
    if (!h)
        return std::nullopt;
    return make_snapshot(h->status());
}

std::vector<sdk::file_entry> session_host::files(std::string const& info_hash)
{
    auto h = handle(info_hash);
    return h ? file_entries(*h) : std::vector<sdk::file_entry>{};
}

bool session_host::set_file_priorities(std::string const& info_hash,
                                       std::vector<std::uint8_t> const& priorities)
{
    auto h = handle(info_hash);
    if (!h || !h->torrent_file())
        return false;
    std::vector<lt::download_priority_t> prios;
    prios.reserve(priorities.size());
    for (auto p : priorities)
        prios.push_back(lt::download_priority_t(std::min<std::uint8_t>(p, 7)));
    h->prioritize_files(prios);
    m_priorities_set_for.insert(info_hash_string(h->info_hashes()));
    return true;
}

sdk::status session_host::apply_settings(std::map<std::string, sdk::setting_value> const& settings,
                                         std::vector<std::string>* applied)
{
    lt::settings_pack pack;
    for (auto const& [name, value] : settings) {
        int const id = lt::setting_by_name(name);
        if (id < 0)
            return sdk::status::failure("unknown libtorrent setting '" + name + "'");
        switch (id & lt::settings_pack::type_mask) {
        case lt::settings_pack::string_type_base:
            if (!std::holds_alternative<std::string>(value))
                return sdk::status::failure("setting '" + name + "' expects a string");
            pack.set_str(id, std::get<std::string>(value));
            break;
        case lt::settings_pack::int_type_base: {
            if (!std::holds_alternative<std::int64_t>(value))
                return sdk::status::failure("setting '" + name + "' expects an integer");
            auto const v = std::get<std::int64_t>(value);
            if (v < INT32_MIN || v > INT32_MAX)
                return sdk::status::failure("setting '" + name + "' is out of range");
            pack.set_int(id, static_cast<int>(v));
            break;
        }
        case lt::settings_pack::bool_type_base:
            if (!std::holds_alternative<bool>(value))
                return sdk::status::failure("setting '" + name + "' expects a boolean");
            pack.set_bool(id, std::get<bool>(value));
            break;
        default:
            return sdk::status::failure("setting '" + name + "' has an unknown type");
        }
    }
    // The host needs its alerts whatever a plugin asks for.
    if (pack.has_val(lt::settings_pack::alert_mask))
        pack.set_int(lt::settings_pack::alert_mask,
                     pack.get_int(lt::settings_pack::alert_mask) | static_cast<int>(host_alert_mask()));
    if (m_session)
        m_session->apply_settings(pack);
    for (auto const& [name, value] : settings) {
        int const id = lt::setting_by_name(name);
        switch (id & lt::settings_pack::type_mask) {
        case lt::settings_pack::string_type_base:
            m_options.settings.set_str(id, pack.get_str(id));
            break;
        case lt::settings_pack::int_type_base:
            m_options.settings.set_int(id, pack.get_int(id));
            break;
        default:
            m_options.settings.set_bool(id, pack.get_bool(id));
            break;
        }
        if (applied)
            applied->push_back(name);
    }
    return sdk::status::success();
}

std::optional<sdk::setting_value> session_host::setting(std::string const& name)
{
    int const id = lt::setting_by_name(name);
    if (id < 0)
        return std::nullopt;
    auto const pack = m_session ? m_session->get_settings() : m_options.settings;
    switch (id & lt::settings_pack::type_mask) {
    case lt::settings_pack::string_type_base:
        return sdk::setting_value(pack.get_str(id));
    case lt::settings_pack::int_type_base:
        return sdk::setting_value(std::int64_t(pack.get_int(id)));
    default:
        return sdk::setting_value(pack.get_bool(id));
    }
}

bool session_host::connect_peer(std::string const& info_hash, std::string const& endpoint)
{
    auto h = handle(info_hash);
    auto ep = parse_endpoint(endpoint);
    if (!h || !ep)
        return false;
    h->connect_peer(*ep);
    return true;
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

std::string session_host::handle_key(lt::torrent_handle const& h) const
{
    return info_hash_string(h.info_hashes());
}

std::optional<lt::torrent_handle> session_host::handle(std::string const& info_hash) const
{
    std::string key = info_hash;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    auto it = m_torrents.find(key);
    if (it == m_torrents.end() || !it->second.is_valid())
        return std::nullopt;
    return it->second;
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

} // namespace pico::session
