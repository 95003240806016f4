#include "session/hash_conflict_recovery.hpp"

#include <libtorrent/alert_types.hpp>
#include <libtorrent/error.hpp>
#include <libtorrent/torrent_status.hpp>
#include <system_error>

namespace pico::session {

hash_conflict_policy::action hash_conflict_policy::on_error(lt::info_hash_t const& torrent,
                                                            lt::error_code const& error)
{
    auto it = m_torrents.find(torrent);
    if (error == lt::errors::torrent_inconsistent_hashes) {
        if (it == m_torrents.end()) {
            m_torrents.emplace(torrent, state{});
            return action::recover;
        }
        switch (it->second.at) {
        case stage::rechecking:
        case stage::recovered:
            it->second.at = stage::reported;
            return action::report;
        case stage::recovering: // the failed check's other pieces
        case stage::reported:
            return action::ignore;
        }
    }
    // Stopping a check cancels its outstanding reads, and libtorrent reports each as an error:
    // after the recheck failed that is noise, while it should run it stopped the recovery.
    if (error == std::errc::operation_canceled && it != m_torrents.end()) {
        switch (it->second.at) {
        case stage::reported:
            return action::ignore;
        case stage::recovering:
        case stage::rechecking:
            if (it->second.retries < max_retries) {
                ++it->second.retries;
                it->second.at = stage::recovering;
                return action::retry;
            }
            return action::report;
        case stage::recovered:
            break;
        }
    }
    return action::report;
}

void hash_conflict_policy::on_check_started(lt::info_hash_t const& torrent)
{
    // Errors from here on come from this check, not the one that already failed. Once reported,
    // later checks change nothing: libtorrent moves through two checking states per recheck,
    // and a late alert of the failed check between them would otherwise be reported twice.
    if (auto const it = m_torrents.find(torrent);
        it != m_torrents.end() && it->second.at == stage::recovering)
        it->second.at = stage::rechecking;
}

void hash_conflict_policy::on_check_finished(lt::info_hash_t const& torrent)
{
    if (auto const it = m_torrents.find(torrent);
        it != m_torrents.end() && it->second.at == stage::rechecking)
        it->second.at = stage::recovered;
}

void hash_conflict_policy::forget(lt::info_hash_t const& torrent)
{
    m_torrents.erase(torrent);
}

bool hash_conflict_recovery::handle(lt::alert const* a, log_fn const& log)
{
    if (auto const* sc = lt::alert_cast<lt::state_changed_alert>(a)) {
        if (sc->state == lt::torrent_status::checking_files ||
            sc->state == lt::torrent_status::checking_resume_data)
            m_policy.on_check_started(sc->handle.info_hashes());
        else if (sc->prev_state == lt::torrent_status::checking_files)
            m_policy.on_check_finished(sc->handle.info_hashes());
        return false;
    }
    if (auto const* removed = lt::alert_cast<lt::torrent_removed_alert>(a)) {
        m_policy.forget(removed->info_hashes);
        return false;
    }
    // Cancelled reads arrive as file errors, the hash conflict itself as a torrent error.
    lt::torrent_handle h;
    lt::error_code error;
    if (auto const* te = lt::alert_cast<lt::torrent_error_alert>(a)) {
        h = te->handle;
        error = te->error;
    } else if (auto const* fe = lt::alert_cast<lt::file_error_alert>(a)) {
        h = fe->handle;
        error = fe->error;
    } else {
        return false;
    }
    switch (m_policy.on_error(h.info_hashes(), error)) {
    case hash_conflict_policy::action::report:
        return false;
    case hash_conflict_policy::action::ignore:
        return true;
    case hash_conflict_policy::action::retry:
        recheck(h);
        return true;
    case hash_conflict_policy::action::recover:
        break;
    }
    log(sdk::log_level::warning, std::string("torrent ") +
                                     static_cast<lt::torrent_alert const*>(a)->torrent_name() + ": " +
                                     error.message() +
                                     "; libtorrent 2.0.8 can say so of a sound hybrid torrent: clearing the "
                                     "error and checking its files again (once)");
    recheck(h);
    return true;
}

void hash_conflict_recovery::recheck(lt::torrent_handle const& h)
{
    // The failed check paused the torrent; it was running, or it could not have been checked.
    h.clear_error();
    h.force_recheck();
    h.resume();
}

} // namespace pico::session
