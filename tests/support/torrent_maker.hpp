// .torrent files for tests, made by libtorrent itself.
#pragma once

#include <filesystem>
#include <libtorrent/info_hash.hpp>
#include <string>
#include <utility>
#include <vector>

namespace pico::test_support {

/// What goes into a test torrent besides the files.
struct torrent_options {
    /// Announce URLs, one tier each, in order.
    std::vector<std::string> trackers{};
    /// Web seed URLs (BEP 19).
    std::vector<std::string> web_seeds{};
    /// Piece size in bytes (a power of two, >= 16 KiB); 0 lets libtorrent choose.
    int piece_size = 0;
    /// Only the v1 (SHA-1) info dictionary.
    bool v1_only = false;
    /// Only the v2 (SHA-256) info dictionary.
    bool v2_only = false;
    /// Sets the private flag (BEP 27).
    bool private_torrent = false;
    /// DHT nodes for the `nodes` key (BEP 5), as host and port.
    std::vector<std::pair<std::string, int>> dht_nodes{};
};

/// Hashes the file or directory `path` (a directory becomes a multi-file torrent named after it)
/// and writes the .torrent to `out_file`; hybrid v1+v2 unless told otherwise. Returns its info hashes.
/// Throws on I/O errors.
lt::info_hash_t make_torrent(std::filesystem::path const& path, std::filesystem::path const& out_file,
                             torrent_options const& options);

} // namespace pico::test_support
