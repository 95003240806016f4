#include "support/torrent_maker.hpp"

#include <fstream>
#include <iterator>
#include <libtorrent/bencode.hpp>
#include <libtorrent/create_torrent.hpp>
#include <libtorrent/torrent_info.hpp>
#include <stdexcept>
#include <system_error>

namespace pico::test_support {

lt::info_hash_t make_torrent(std::filesystem::path const& path, std::filesystem::path const& out_file,
                             torrent_options const& options)
{
    // A trailing '/' would make libtorrent name the torrent "".
    auto const source = std::filesystem::absolute(path).lexically_normal();
    auto const root = source.has_filename() ? source : source.parent_path();

    lt::file_storage fs;
    lt::add_files(fs, root.string());
    if (fs.num_files() == 0)
        throw std::runtime_error("make_torrent: no files under " + root.string());

    lt::create_flags_t flags{};
    if (options.v1_only)
        flags |= lt::create_torrent::v1_only;
    if (options.v2_only)
        flags |= lt::create_torrent::v2_only;
    lt::create_torrent ct(fs, options.piece_size, flags);
    int tier = 0;
    for (auto const& url : options.trackers)
        ct.add_tracker(url, tier++);
    for (auto const& url : options.web_seeds)
        ct.add_url_seed(url);
    for (auto const& [host, port] : options.dht_nodes)
        ct.add_node({host, port});
    ct.set_priv(options.private_torrent);
    ct.set_creator("pico test support");
    lt::set_piece_hashes(ct, root.parent_path().string());

    std::vector<char> buf;
    lt::bencode(std::back_inserter(buf), ct.generate());
    if (out_file.has_parent_path())
        std::filesystem::create_directories(out_file.parent_path());
    std::ofstream out(out_file, std::ios::binary | std::ios::trunc);
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
    out.flush();
    if (!out)
        throw std::system_error(errno, std::generic_category(), "cannot write " + out_file.string());
    return lt::torrent_info(buf, lt::from_span).info_hashes();
}

} // namespace pico::test_support
