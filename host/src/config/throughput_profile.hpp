// How each kind of session is tuned for throughput, in one place (issue 13): the libtorrent
// settings that differ from libtorrent's defaults and the storage back-end, per command.
#pragma once

#include <libtorrent/session_params.hpp>
#include <libtorrent/settings_pack.hpp>
#include <nlohmann/json.hpp>
#include <string_view>

namespace pico::config {

/// What a session is for. `run` (and `gui`) is a long-running client on a real network with
/// many peers and torrents; `download` and `seed` are one transfer, usually with a few peers.
enum class session_role { run, download, seed };

/// The role of a host mode ("run", "gui", "download", "seed"; anything else is run).
session_role role_for_mode(std::string_view mode);

/// Sets the throughput settings of `role` in `pack`. Applied over libtorrent's defaults and
/// before the configuration, so a session.* key a user sets still wins.
void apply_throughput_profile(lt::settings_pack& pack, session_role role);

/// libtorrent's storage back-ends: memory-mapped files (2.0's default) or pread/pwrite.
enum class disk_io_backend { mmap, posix };

/// session.disk_io "auto": the back-end measured faster for `role` (bench/RESULTS.md).
disk_io_backend auto_disk_io(session_role role);

/// The back-end the configuration's session.disk_io asks for ("auto", "mmap", "posix").
disk_io_backend disk_io_for(nlohmann::json const& document, session_role role);

/// What lt::session_params::disk_io_constructor needs for `backend`.
lt::disk_io_constructor_type disk_io_constructor(disk_io_backend backend);

} // namespace pico::config
