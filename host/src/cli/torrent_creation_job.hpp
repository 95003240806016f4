// host::create_torrent's work (SDK 1.1): the same creator and checks as `picotorrent create`,
// driven by an sdk::create_torrent_request, stoppable from its progress callback. Runs on a
// background thread; touches nothing of the session.
#pragma once

#include <picotorrent/sdk/create_torrent.hpp>
#include <string>

namespace pico::cli {

/// Hashes and writes request.output atomically; never throws: bad input, I/O errors and a stop
/// asked for by `progress` come back in the result. `creator` goes into "created by".
sdk::create_torrent_result run_creation_job(sdk::create_torrent_request const& request,
                                            sdk::create_progress const& progress, std::string const& creator);

} // namespace pico::cli
