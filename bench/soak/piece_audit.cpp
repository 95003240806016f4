#include "piece_audit.hpp"

#include <fstream>
#include <libtorrent/hasher.hpp>
#include <vector>

namespace pico::soak {

lt::bitfield verified_pieces(lt::torrent_info const& ti, std::filesystem::path const& save_path)
{
    auto const& fs = ti.files();
    lt::bitfield out(ti.num_pieces(), false);
    std::vector<char> buf;
    for (auto const piece : fs.piece_range()) {
        int const size = fs.piece_size(piece);
        buf.assign(static_cast<std::size_t>(size), 0);
        bool readable = true;
        std::size_t at = 0;
        for (auto const& slice : fs.map_block(piece, 0, size)) {
            if (!fs.pad_file_at(slice.file_index)) {
                std::ifstream in(save_path / fs.file_path(slice.file_index), std::ios::binary);
                in.seekg(slice.offset);
                in.read(buf.data() + at, static_cast<std::streamsize>(slice.size));
                readable = readable && in.gcount() == static_cast<std::streamsize>(slice.size);
            }
            at += static_cast<std::size_t>(slice.size);
        }
        if (!readable)
            continue;
        lt::hasher h(buf.data(), size);
        if (h.final() == ti.hash_for_piece(piece))
            out.set_bit(static_cast<int>(piece));
    }
    return out;
}

std::int64_t payload_bytes(lt::torrent_info const& ti, lt::bitfield const& pieces)
{
    auto const& fs = ti.files();
    std::int64_t total = 0;
    for (auto const piece : fs.piece_range()) {
        if (!pieces.get_bit(static_cast<int>(piece)))
            continue;
        for (auto const& slice : fs.map_block(piece, 0, fs.piece_size(piece)))
            if (!fs.pad_file_at(slice.file_index))
                total += slice.size;
    }
    return total;
}

} // namespace pico::soak
