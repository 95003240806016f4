#include "session/restore_batch.hpp"

#include "util/info_hash.hpp"

#include <algorithm>
#include <libtorrent/alert_types.hpp>
#include <libtorrent/settings_pack.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>

namespace pico::session {

int alert_queue_size_for(int configured, std::size_t count)
{
    // Four alerts per torrent covers add, checking_resume_data -> state, paused; 1000 for the rest.
    auto const wanted = static_cast<long long>(count) * 4 + 1000;
    return static_cast<int>(std::clamp<long long>(wanted, configured, 1 << 24));
}

restored_batch add_saved_torrents(lt::session& s, std::vector<lt::add_torrent_params> saved,
                                  std::optional<std::set<std::string>> const& only)
{
    restored_batch out;
    for (auto& atp : saved) {
        auto key = util::info_hash_string(atp.ti ? atp.ti->info_hashes() : atp.info_hashes);
        if (only && !only->count(key))
            continue;
        out.submitted.insert(std::move(key));
    }
    if (out.submitted.empty())
        return out;
    auto const configured = s.get_settings().get_int(lt::settings_pack::alert_queue_size);
    lt::settings_pack queue;
    queue.set_int(lt::settings_pack::alert_queue_size,
                  alert_queue_size_for(configured, out.submitted.size()));
    s.apply_settings(std::move(queue));
    for (auto& atp : saved) {
        if (only && !only->count(util::info_hash_string(atp.ti ? atp.ti->info_hashes() : atp.info_hashes)))
            continue;
        s.async_add_torrent(std::move(atp));
    }
    // libtorrent runs its calls in order on its own thread: this one returns after every add
    // above, in one round trip, with the handle of each torrent that was added.
    for (auto const& st : s.get_torrent_status([](lt::torrent_status const&) { return true; }, {}))
        out.handles.emplace(util::info_hash_string(st.info_hashes), st.handle);
    return out;
}

std::map<std::string, lt::torrent_status> statuses_for_adds(lt::session& s,
                                                            std::vector<lt::alert*> const& alerts)
{
    // refresh_torrent_status asks only these torrents, all in one round trip (get_torrent_status
    // would compute every torrent's status in the session, per batch).
    std::vector<lt::torrent_status> statuses;
    for (auto const* a : alerts) {
        if (auto const* added = lt::alert_cast<lt::add_torrent_alert>(a); added && !added->error) {
            statuses.emplace_back();
            statuses.back().handle = added->handle;
        }
    }
    std::map<std::string, lt::torrent_status> out;
    if (statuses.size() < 2)
        return out;
    s.refresh_torrent_status(&statuses, lt::status_flags_t::all());
    for (auto& st : statuses)
        out.emplace(util::info_hash_string(st.info_hashes), std::move(st));
    return out;
}

} // namespace pico::session
