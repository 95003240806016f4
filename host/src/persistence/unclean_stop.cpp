#include "persistence/unclean_stop.hpp"

#include "util/info_hash.hpp"

#include <algorithm>
#include <libtorrent/torrent_flags.hpp>
#include <libtorrent/torrent_info.hpp>

namespace pico::persistence {

bool distrust_saved_progress(lt::add_torrent_params& atp)
{
    if (atp.flags & lt::torrent_flags::seed_mode)
        return false;
    if (!atp.ti || !atp.ti->is_valid())
        return false;
    auto const& have = atp.have_pieces;
    bool const complete = have.size() == atp.ti->num_pieces() &&
                          std::all_of(have.begin(), have.end(), [](bool b) { return b; });
    if (complete)
        return false;
    atp.have_pieces.clear();
    atp.verified_pieces.clear();
    atp.unfinished_pieces.clear();
    return true;
}

unclean_stop_recovery::unclean_stop_recovery(std::filesystem::path state_dir)
    : m_marker(std::move(state_dir)), m_previous_clean(m_marker.take())
{
}

bool unclean_stop_recovery::prepare_restore(lt::add_torrent_params& atp)
{
    return !m_previous_clean && distrust_saved_progress(atp);
}

int unclean_stop_recovery::prepare_restores(std::vector<lt::add_torrent_params>& saved,
                                            std::optional<std::set<std::string>> const& only)
{
    int checked = 0;
    for (auto& atp : saved) {
        if (only && !only->count(util::info_hash_string(atp.ti ? atp.ti->info_hashes() : atp.info_hashes)))
            torrent_not_restored();
        else if (prepare_restore(atp))
            ++checked;
    }
    return checked;
}

void unclean_stop_recovery::torrent_not_restored()
{
    // After a clean stop every saved torrent was current; one left alone stays current.
    if (!m_previous_clean)
        m_unchecked_left = true;
}

void unclean_stop_recovery::resume_save_failed()
{
    m_save_failed = true;
}

bool unclean_stop_recovery::will_mark_clean() const
{
    return !m_unchecked_left && !m_save_failed;
}

void unclean_stop_recovery::finish() const
{
    if (will_mark_clean())
        m_marker.write();
}

} // namespace pico::persistence
