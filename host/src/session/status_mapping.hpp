// From libtorrent's state and flags to the reference torrent object's status codes (-1..15).
#pragma once

#include <cstdint>
#include <libtorrent/torrent_status.hpp>
#include <picotorrent/sdk/torrent.hpp>

namespace pico::session {

/// What the status mapping looks at, separated from lt::torrent_status so every code is unit-testable.
struct status_inputs {
    lt::torrent_status::state_t state = lt::torrent_status::checking_resume_data;
    bool paused = false;
    bool auto_managed = false;
    bool has_error = false;
    bool is_seeding = false;
    bool is_finished = false;
    std::int64_t download_rate = 0;
    std::int64_t upload_rate = 0;
};

/// Reads the inputs from a status: paused/auto_managed from its flags, has_error from errc, payload rates.
status_inputs status_inputs_from(lt::torrent_status const& st);

/// The reference status code. Rules, first match wins:
///   has_error                      -> 9 error
///   state checking_resume_data     -> 0 checking resume data
///   paused, not auto-managed       -> 6 downloading (paused), 13 uploading (paused) when seeding or finished
///   paused, auto-managed           -> 7 downloading (queued), 14 uploading (queued) when seeding or finished
///   state downloading_metadata     -> 5
///   state checking_files           -> 3 downloading (checking), 11 uploading (checking) when seeding or
///   finished state downloading              -> 4 forced when not auto-managed, else 8 stalled at 0 B/s down,
///   else 2 state finished                 -> 1 complete state seeding                  -> 12 forced when not
///   auto-managed, else 15 stalled at 0 B/s up, else 10 anything else                  -> -1 unknown
/// "Paused and auto-managed" is how libtorrent's queue holds a torrent back, hence "queued".
sdk::status_code map_status(status_inputs const& in);

/// libtorrent's state as the SDK's torrent_state (unknown for values the SDK does not name).
sdk::torrent_state map_state(lt::torrent_status::state_t s);

} // namespace pico::session
