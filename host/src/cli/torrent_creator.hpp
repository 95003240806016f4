// `picotorrent create`: builds a .torrent (hybrid, v1-only or v2-only) from a file or
// a directory with libtorrent's create_torrent.
#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace pico::cli {

/// Bad input to create_torrent_file: one line, meant for the user.
class create_error : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

/// Which metadata versions the torrent carries.
enum class torrent_format { hybrid, v1_only, v2_only };

/// What to build.
struct create_options {
    /// The file or directory to share.
    std::filesystem::path source;
    /// Announce URLs; each becomes its own tier, in this order.
    std::vector<std::string> trackers;
    /// BEP 19 web seed URLs.
    std::vector<std::string> web_seeds;
    /// Bytes per piece; 0 lets libtorrent choose from the total size.
    int piece_size = 0;
    /// BEP 27 private flag.
    bool is_private = false;
    /// Hybrid unless told otherwise.
    torrent_format format = torrent_format::hybrid;
    /// "comment"; omitted when empty.
    std::string comment;
    /// "created by"; omitted when empty.
    std::string creator;
    /// "creation date"; now when not set.
    std::optional<std::time_t> creation_date;
};

/// A finished torrent.
struct created_torrent {
    /// The bencoded .torrent.
    std::vector<char> data;
    /// SHA-1 info hash, lowercase hex; empty for v2-only.
    std::string info_hash_v1;
    /// SHA-256 info hash, lowercase hex; empty for v1-only.
    std::string info_hash_v2;
    /// Number of pieces hashed.
    int piece_count = 0;
};

/// Called after each hashed piece with (pieces done, pieces in total).
using hash_progress_fn = std::function<void(int, int)>;

/// `--piece-size` KiB to bytes. Throws create_error unless it is a power of two from
/// 16 KiB to 512 MiB.
int piece_size_from_kib(std::int64_t kib);

/// Hashes `options.source` and returns the torrent. Throws create_error for bad input
/// (missing path, no files, only empty files, bad URL or piece size) and
/// std::runtime_error when reading or hashing the data fails.
created_torrent create_torrent_file(create_options const& options, hash_progress_fn const& progress = {});

} // namespace pico::cli
