// Maps the data a user hands `picotorrent seed` onto the torrent's files: a file, a
// directory (the torrent's root folder or its parent), or for a multi-file torrent the
// concatenation of its files in metainfo order.
#pragma once

#include <filesystem>
#include <libtorrent/add_torrent_params.hpp>

namespace pico::app {

/// Sets save_path / renamed_files of `atp` (which must carry metadata) so libtorrent finds the
/// payload in `data`. A concatenated payload is split into files under `scratch_dir`.
/// Throws std::invalid_argument with one line when `data` cannot be this torrent's payload.
void map_seed_data(lt::add_torrent_params& atp, std::filesystem::path const& data,
                   std::filesystem::path const& scratch_dir);

} // namespace pico::app
