// Commands and queries on one torrent, by info hash: remove (keeping files that were there
// before), pause, resume, recheck, move, file priorities, peers to connect, and snapshots.
#include "session/session_host.hpp"
#include "session/snapshot.hpp"
#include "util/info_hash.hpp"
#include "util/peer_endpoint.hpp"

#include <algorithm>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>

namespace pico::session {

bool session_host::remove(std::string const& info_hash, sdk::remove_mode mode)
{
    auto h = handle(info_hash);
    if (!h)
        return false;
    // Out of the list now, not at torrent_removed_alert: until then libtorrent already treats
    // the handle as invalid, and the next tick's status() on it would throw.
    auto const key = util::info_hash_string(h->info_hashes());
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
    m_priorities_set_for[util::info_hash_string(h->info_hashes())] = std::move(prios);
    return true;
}

bool session_host::files_held(std::string const& info_hash)
{
    if (m_files_held.count(info_hash) > 0)
        return true;
    auto const it = m_priorities_applying.find(info_hash);
    if (it == m_priorities_applying.end())
        return false;
    // Held while libtorrent still has every file at "don't download" although something was
    // asked for; entries past the last file are ignored by libtorrent, and so here.
    auto const h = handle(info_hash);
    auto const wanted = [](auto first, auto last) {
        return std::any_of(first, last, [](lt::download_priority_t p) { return p != lt::dont_download; });
    };
    if (h && h->torrent_file()) {
        auto const& asked = it->second;
        auto const files = std::min<std::size_t>(asked.size(), h->torrent_file()->num_files());
        auto const applied = h->get_file_priorities();
        if (wanted(asked.begin(), asked.begin() + static_cast<std::ptrdiff_t>(files)) &&
            !wanted(applied.begin(), applied.end()))
            return true;
    }
    m_priorities_applying.erase(it);
    return false;
}

bool session_host::connect_peer(std::string const& info_hash, std::string const& endpoint)
{
    auto h = handle(info_hash);
    auto ep = util::parse_peer_endpoint(endpoint);
    if (!h || !ep)
        return false;
    h->connect_peer(*ep);
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

std::string session_host::handle_key(lt::torrent_handle const& h) const
{
    return util::info_hash_string(h.info_hashes());
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

} // namespace pico::session
