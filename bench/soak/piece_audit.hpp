// Which pieces of a torrent are on disk and correct right now, checked the way a recheck
// would (SHA-1 of each piece against the metainfo), without libtorrent's resume data.
#pragma once

#include <filesystem>
#include <libtorrent/bitfield.hpp>
#include <libtorrent/torrent_info.hpp>

namespace pico::soak {

/// Hashes every piece of `ti` from the files under `save_path` (the directory that holds the
/// torrent's root folder); missing or short files read as absent data. Pad files count as zeros.
lt::bitfield verified_pieces(lt::torrent_info const& ti, std::filesystem::path const& save_path);

/// Bytes of payload (pad files excluded) in the pieces set in `pieces`.
std::int64_t payload_bytes(lt::torrent_info const& ti, lt::bitfield const& pieces);

} // namespace pico::soak
