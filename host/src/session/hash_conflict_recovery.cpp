#include "session/hash_conflict_recovery.hpp"

#include <libtorrent/alert_types.hpp>
#include <libtorrent/error.hpp>
#include <libtorrent/torrent_status.hpp>

namespace pico::session {

hash_conflict_policy::action hash_conflict_policy::on_error(lt::info_hash_t const& torrent,
                                                            lt::error_code const& error)
{
    if (error != lt::errors::torrent_inconsistent_hashes)
        return action::report;
    auto const it = m_stage.find(torrent);
    if (it == m_stage.end()) {
        m_stage.emplace(torrent, stage::recovering);
        return action::recover;
    }
    switch (it->second) {
    case stage::rechecking:
        it->second = stage::reported;
        return action::report;
    case stage::recovering:
    case stage::reported:
        break;
    }
    return action::ignore;
}

void hash_conflict_policy::on_check_started(lt::info_hash_t const& torrent)
{
    // Errors from here on come from this check, not the one that already failed.
    if (auto const it = m_stage.find(torrent); it != m_stage.end())
        it->second = stage::rechecking;
}

void hash_conflict_policy::forget(lt::info_hash_t const& torrent)
{
    m_stage.erase(torrent);
}

bool hash_conflict_recovery::handle(lt::alert const* a, log_fn const& log)
{
    if (auto const* sc = lt::alert_cast<lt::state_changed_alert>(a)) {
        if (sc->state == lt::torrent_status::checking_files ||
            sc->state == lt::torrent_status::checking_resume_data)
            m_policy.on_check_started(sc->handle.info_hashes());
        return false;
    }
    if (auto const* removed = lt::alert_cast<lt::torrent_removed_alert>(a)) {
        m_policy.forget(removed->info_hashes);
        return false;
    }
    auto const* err = lt::alert_cast<lt::torrent_error_alert>(a);
    if (!err)
        return false;
    switch (m_policy.on_error(err->handle.info_hashes(), err->error)) {
    case hash_conflict_policy::action::report:
        return false;
    case hash_conflict_policy::action::ignore:
        return true;
    case hash_conflict_policy::action::recover:
        break;
    }
    log(sdk::log_level::warning, std::string("torrent ") + err->torrent_name() + ": " + err->error.message() +
                                     "; libtorrent 2.0.8 can say so of a sound hybrid torrent: clearing the "
                                     "error and checking its files again (once)");
    // The failed check paused the torrent; it was running, or it could not have been checked.
    err->handle.clear_error();
    err->handle.force_recheck();
    err->handle.resume();
    return true;
}

} // namespace pico::session
