// Requests to add a torrent, and the hooks that may change or reject them.
#pragma once

#include <cstdint>
#include <optional>
#include <picotorrent/sdk/torrent.hpp>
#include <string>
#include <vector>

namespace pico::sdk {

/// Where the torrent to add comes from.
enum class torrent_source : std::int32_t {
    /// `location` is the path of a .torrent file.
    file = 0,
    /// `data` holds the bytes of a .torrent file.
    bytes = 1,
    /// `location` is a magnet URI.
    magnet = 2,
};

/// Everything needed to add one torrent. Hooks see and may change it before it is added.
struct add_torrent_request {
    /// How to read `location` / `data`.
    torrent_source source = torrent_source::file;
    /// File path or magnet URI, depending on `source`.
    std::string location;
    /// Raw .torrent bytes when `source` is bytes.
    std::string data;
    /// Directory to save into; empty means the configured default save path.
    std::string save_path;
    /// Add in the paused state.
    bool paused = false;
    /// Per-file priorities by file index; missing entries keep the default. Ignored for magnets
    /// until metadata arrives (use host::set_file_priorities from a metadata_received handler).
    std::vector<std::uint8_t> file_priorities;
    /// Filled by the host before hooks run, when metadata is known: name of the torrent.
    std::string name;
    /// Filled by the host before hooks run, when metadata is known: info hash (see torrent_snapshot).
    std::string info_hash;
    /// Filled by the host before hooks run, when metadata is known: the torrent's files.
    std::vector<file_entry> files;
    /// Peers to connect to right away, as "host:port".
    std::vector<std::string> peers;
};

/// What an add-torrent hook decided.
struct [[nodiscard]] hook_decision {
    /// When set, the torrent is not added and this is the reason given to the caller.
    std::optional<std::string> reject_reason;

    /// Lets the request go on (possibly changed).
    static hook_decision accept() { return {}; }
    /// Stops the request with a reason.
    static hook_decision reject(std::string reason) { return {std::move(reason)}; }
};

/// Outcome of host::add_torrent.
struct [[nodiscard]] add_torrent_result {
    /// True when the torrent is in the session (new, or already there: see `duplicate`).
    bool ok = false;
    /// Info hash of the torrent when known (always for files; for magnets, the hash in the URI).
    std::string info_hash;
    /// True when the torrent was already in the session and nothing was added.
    bool duplicate = false;
    /// Why it failed, one line; empty on success.
    std::string error;
};

} // namespace pico::sdk
