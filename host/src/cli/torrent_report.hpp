// What `picotorrent inspect` reports about a .torrent: plain data, no libtorrent types,
// so the text and JSON renderers and the tests share one description.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pico::cli {

/// One entry of the file table, in metainfo order (pad files included and marked).
struct file_report {
    /// Path as libtorrent stores it: "<name>/<dir>/<file>" in a multi-file torrent, "<name>" otherwise.
    std::string path;
    /// Size in bytes (0 for symlinks).
    std::int64_t size = 0;
    /// Offset of the file's first byte in the torrent's piece space.
    std::int64_t offset = 0;
    /// BEP 47 pad file: alignment filler, never written to disk.
    bool pad = false;
    /// BEP 47 executable attribute.
    bool executable = false;
    /// BEP 47 hidden attribute.
    bool hidden = false;
    /// BEP 47 symlink target, when the entry is a symlink.
    std::optional<std::string> symlink_target;
    /// v2 merkle root (SHA-256, lowercase hex) for non-empty, non-pad files of v2 and hybrid torrents.
    std::optional<std::string> pieces_root;
    /// v2 piece layer (SHA-256 hex per piece of this file); for a file no larger than one piece,
    /// the single entry is the pieces root. Empty when the file has no v2 root.
    std::vector<std::string> piece_layer;
};

/// One DHT bootstrap node from the "nodes" key (BEP 5).
struct node_report {
    std::string host;
    int port = 0;
};

/// Everything `inspect` shows about a torrent.
struct torrent_report {
    /// The torrent's name (the info dictionary's "name", as libtorrent sanitizes it).
    std::string name;
    /// SHA-1 info hash, lowercase hex, for v1 and hybrid torrents.
    std::optional<std::string> info_hash_v1;
    /// SHA-256 info hash, lowercase hex, for v2 and hybrid torrents.
    std::optional<std::string> info_hash_v2;
    /// The top-level "announce" URL, if any.
    std::optional<std::string> announce;
    /// "announce-list" tiers in file order; empty tiers and blank URLs dropped, as libtorrent does.
    std::vector<std::vector<std::string>> announce_list;
    /// BEP 19 web seeds ("url-list") as libtorrent will use them.
    std::vector<std::string> url_list;
    /// BEP 17 HTTP seeds ("httpseeds").
    std::vector<std::string> http_seeds;
    /// DHT bootstrap nodes.
    std::vector<node_report> nodes;
    /// BEP 27 private flag.
    bool is_private = false;
    /// "comment" (absent when missing or empty).
    std::optional<std::string> comment;
    /// "created by" (absent when missing or empty).
    std::optional<std::string> created_by;
    /// "creation date", seconds since the Unix epoch.
    std::optional<std::int64_t> creation_date;
    /// Bytes per piece.
    std::int64_t piece_length = 0;
    /// Number of pieces.
    int piece_count = 0;
    /// Sum of all file sizes, pad files included: the size of the piece space.
    std::int64_t total_size = 0;
    /// The file table.
    std::vector<file_report> files;
    /// v1 piece hashes (SHA-1, lowercase hex), one per piece; empty for v2-only torrents.
    std::vector<std::string> piece_hashes;
    /// The torrent's magnet link (info hashes, name, trackers, web seeds), as libtorrent writes it.
    std::string magnet_link;

    /// The hash the product uses to name the torrent: v1 for v1 and hybrid, v2 for v2-only.
    std::string const& info_hash() const { return info_hash_v1 ? *info_hash_v1 : *info_hash_v2; }
    /// Sum of the sizes of the real files: total_size without the pad files.
    std::int64_t payload_size() const
    {
        std::int64_t sum = 0;
        for (auto const& f : files)
            sum += f.pad ? 0 : f.size;
        return sum;
    }
    /// "v1", "v2" or "hybrid".
    char const* format() const { return info_hash_v1 ? (info_hash_v2 ? "hybrid" : "v1") : "v2"; }
};

} // namespace pico::cli
