#include "session/alert_translator.hpp"

#include "session/snapshot.hpp"
#include "util/info_hash.hpp"

#include <libtorrent/alert_types.hpp>
#include <libtorrent/session_stats.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>
#include <vector>

namespace pico::session {
namespace {

using publish_fn = std::function<void(sdk::event const&)>;
using log_fn = std::function<void(sdk::log_level, std::string const&)>;

void on_resumed(lt::torrent_resumed_alert const& a, publish_fn const& publish)
{
    sdk::torrent_resumed_event e;
    e.torrent = make_snapshot(a.handle.status());
    publish(e);
}

void on_state_changed(lt::state_changed_alert const& a, publish_fn const& publish)
{
    sdk::state_changed_event e;
    e.torrent = make_snapshot(a.handle.status());
    e.previous = map_state(a.prev_state);
    e.current = map_state(a.state);
    publish(e);
}

void on_torrent_error(lt::torrent_alert const& a, std::string message, std::string file,
                      publish_fn const& publish, log_fn const& log)
{
    sdk::torrent_error_event e;
    e.torrent = make_snapshot(a.handle.status());
    e.message = std::move(message);
    e.file = std::move(file);
    log(sdk::log_level::error,
        "torrent '" + e.torrent.name + "': " + e.message + (e.file.empty() ? "" : " (" + e.file + ")"));
    publish(e);
}

void on_storage_moved(lt::torrent_alert const& a, std::string old_path, std::string new_path,
                      std::string error, publish_fn const& publish)
{
    sdk::storage_moved_event e;
    e.torrent = make_snapshot(a.handle.status());
    e.old_path = std::move(old_path);
    e.new_path = std::move(new_path);
    e.error = std::move(error);
    publish(e);
    // libtorrent's own status updates do not count a new save path as a change: say it here,
    // so lists (the GUI, WebSocket clients) show where the files are now.
    sdk::torrents_updated_event updated;
    updated.torrents.push_back(e.torrent);
    publish(updated);
}

void on_file_completed(lt::file_completed_alert const& a, publish_fn const& publish)
{
    sdk::file_completed_event e;
    e.info_hash = util::info_hash_string(a.handle.info_hashes());
    auto const ti = a.handle.torrent_file();
    e.file.index = static_cast<std::int32_t>(a.index);
    if (ti) {
        e.file.path = ti->files().file_path(a.index);
        e.file.size = ti->files().file_size(a.index);
    }
    e.file.priority = static_cast<std::uint8_t>(a.handle.file_priority(a.index));
    publish(e);
}

void on_tracker_error(lt::tracker_error_alert const& a, publish_fn const& publish, log_fn const& log)
{
    sdk::tracker_error_event e;
    e.info_hash = util::info_hash_string(a.handle.info_hashes());
    e.url = a.tracker_url();
    e.message = a.error.message();
    if (a.failure_reason() && *a.failure_reason())
        e.message += std::string(": ") + a.failure_reason();
    e.times_in_row = a.times_in_row;
    log(sdk::log_level::warning, "tracker " + e.url + ": " + e.message);
    publish(e);
}

void on_state_update(lt::state_update_alert const& a, publish_fn const& publish)
{
    if (a.status.empty())
        return;
    sdk::torrents_updated_event e;
    e.torrents.reserve(a.status.size());
    for (auto const& st : a.status)
        e.torrents.push_back(make_snapshot(st));
    publish(e);
}

} // namespace

void translate_alert(lt::alert const* a, publish_fn const& publish, log_fn const& log,
                     last_file_error& memory)
{
    // Separate ifs rather than an else-if chain: each binding gets its own scope.
    if (auto const* p = lt::alert_cast<lt::torrent_resumed_alert>(a))
        return on_resumed(*p, publish);
    if (auto const* p = lt::alert_cast<lt::state_changed_alert>(a))
        return on_state_changed(*p, publish);
    if (auto const* p = lt::alert_cast<lt::torrent_error_alert>(a)) {
        bool const already_reported = memory.handle == p->handle && memory.error == p->error;
        memory = {};
        if (already_reported)
            return;
        return on_torrent_error(*p, p->error.message(), p->filename(), publish, log);
    }
    if (auto const* p = lt::alert_cast<lt::file_error_alert>(a)) {
        memory = {p->handle, p->error};
        return on_torrent_error(*p, std::string(lt::operation_name(p->op)) + ": " + p->error.message(),
                                p->filename(), publish, log);
    }
    if (auto const* p = lt::alert_cast<lt::storage_moved_alert>(a))
        return on_storage_moved(*p, p->old_path(), p->storage_path(), {}, publish);
    if (auto const* p = lt::alert_cast<lt::storage_moved_failed_alert>(a))
        return on_storage_moved(*p, p->handle.status(lt::torrent_handle::query_save_path).save_path,
                                p->file_path(), p->error.message(), publish);
    if (auto const* p = lt::alert_cast<lt::file_completed_alert>(a))
        return on_file_completed(*p, publish);
    if (auto const* p = lt::alert_cast<lt::tracker_error_alert>(a))
        return on_tracker_error(*p, publish, log);
    if (auto const* p = lt::alert_cast<lt::state_update_alert>(a))
        return on_state_update(*p, publish);
    if (auto const* p = lt::alert_cast<lt::listen_failed_alert>(a))
        return log(sdk::log_level::error, p->message());
    if (auto const* p = lt::alert_cast<lt::listen_succeeded_alert>(a))
        return log(sdk::log_level::info, p->message());
}

sdk::session_stats_event make_stats_event(lt::session_stats_alert const& a)
{
    static std::vector<lt::stats_metric> const metrics = lt::session_stats_metrics();
    static int const peers_idx = lt::find_metric_idx("peer.num_peers_connected");
    static int const dht_idx = lt::find_metric_idx("dht.dht_nodes");

    auto const counters = a.counters();
    auto value = [&](int idx) -> std::int64_t {
        return idx >= 0 && idx < static_cast<int>(counters.size()) ? counters[static_cast<std::size_t>(idx)]
                                                                   : 0;
    };
    sdk::session_stats_event e;
    for (auto const& m : metrics)
        e.counters[m.name] = value(m.value_index);
    e.num_peers = value(peers_idx);
    e.dht_nodes = value(dht_idx);
    return e;
}

} // namespace pico::session
