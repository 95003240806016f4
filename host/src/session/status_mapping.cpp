#include "session/status_mapping.hpp"

#include <libtorrent/torrent_flags.hpp>

namespace pico::session {

status_inputs status_inputs_from(lt::torrent_status const& st)
{
    status_inputs in;
    in.state = st.state;
    in.paused = static_cast<bool>(st.flags & lt::torrent_flags::paused);
    in.auto_managed = static_cast<bool>(st.flags & lt::torrent_flags::auto_managed);
    in.has_error = static_cast<bool>(st.errc);
    in.is_seeding = st.is_seeding;
    in.is_finished = st.is_finished;
    in.download_rate = st.download_payload_rate;
    in.upload_rate = st.upload_payload_rate;
    return in;
}

sdk::status_code map_status(status_inputs const& in)
{
    using sc = sdk::status_code;
    using lt_state = lt::torrent_status;
    if (in.has_error)
        return sc::error;
    if (in.state == lt_state::checking_resume_data)
        return sc::checking_resume_data;
    bool const done = in.is_seeding || in.is_finished;
    if (in.paused) {
        if (in.auto_managed)
            return done ? sc::uploading_queued : sc::downloading_queued;
        return done ? sc::uploading_paused : sc::downloading_paused;
    }
    switch (in.state) {
    case lt_state::downloading_metadata:
        return sc::downloading_metadata;
    case lt_state::checking_files:
        return done ? sc::uploading_checking : sc::downloading_checking;
    case lt_state::downloading:
        if (!in.auto_managed)
            return sc::downloading_forced;
        return in.download_rate == 0 ? sc::downloading_stalled : sc::downloading;
    case lt_state::finished:
        return sc::complete;
    case lt_state::seeding:
        if (!in.auto_managed)
            return sc::uploading_forced;
        return in.upload_rate == 0 ? sc::uploading_stalled : sc::uploading;
    default:
        return sc::unknown;
    }
}

sdk::torrent_state map_state(lt::torrent_status::state_t s)
{
    using ts = sdk::torrent_state;
    switch (s) {
    case lt::torrent_status::checking_files:
        return ts::checking_files;
    case lt::torrent_status::downloading_metadata:
        return ts::downloading_metadata;
    case lt::torrent_status::downloading:
        return ts::downloading;
    case lt::torrent_status::finished:
        return ts::finished;
    case lt::torrent_status::seeding:
        return ts::seeding;
    case lt::torrent_status::checking_resume_data:
        return ts::checking_resume_data;
    default:
        return ts::unknown;
    }
}

} // namespace pico::session
