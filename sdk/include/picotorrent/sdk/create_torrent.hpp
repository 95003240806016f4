// Building a .torrent through the host (SDK 1.1): the options of `picotorrent create`, the
// result, and the callbacks host::create_torrent reports through.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pico::sdk {

/// Which metadata versions a created torrent carries.
enum class torrent_format : std::int32_t {
    /// v1 and v2 metadata (the default, as `picotorrent create`).
    hybrid = 0,
    /// v1 only (`--v1-only`), for clients that cannot read v2.
    v1_only = 1,
    /// v2 only (`--v2-only`).
    v2_only = 2,
};

/// What host::create_torrent builds: the options of `picotorrent create`.
struct create_torrent_request {
    /// The file or directory to share.
    std::string source;
    /// Where to write the .torrent; written atomically.
    std::string output;
    /// Replace `output` when it exists (`--force`); otherwise an existing file is refused.
    bool overwrite = false;
    /// Announce URLs; each one is its own tier, in this order.
    std::vector<std::string> trackers;
    /// BEP 19 web seed URLs.
    std::vector<std::string> web_seeds;
    /// Piece size in KiB, a power of two from 16 to 524288; 0 lets the host choose from the total size.
    std::int64_t piece_size_kib = 0;
    /// BEP 27 private flag.
    bool is_private = false;
    /// Which metadata versions to write.
    torrent_format format = torrent_format::hybrid;
    /// Comment stored in the torrent; none when empty.
    std::string comment;
};

/// How a create_torrent call ended.
struct create_torrent_result {
    /// True when the .torrent was written.
    bool ok = false;
    /// True when the progress callback asked to stop; nothing was written.
    bool cancelled = false;
    /// One line saying what went wrong; empty on success.
    std::string error;
    /// The file written.
    std::string output;
    /// Info hash as the wire shows it: v1 (40 hex) for v1 and hybrid torrents, v2 (64 hex) for v2-only.
    std::string info_hash;
    /// Number of pieces hashed.
    std::int32_t piece_count = 0;
};

/// Called on a background thread after each hashed piece with (pieces done, pieces in all);
/// returning false stops the hashing.
using create_progress = std::function<bool(std::int32_t, std::int32_t)>;
/// Called once on the host thread when creation finished, failed or was stopped.
using create_done = std::function<void(create_torrent_result const&)>;

} // namespace pico::sdk
