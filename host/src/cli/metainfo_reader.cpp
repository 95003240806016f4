#include "cli/metainfo_reader.hpp"

#include "cli/formatting.hpp"
#include "cli/metainfo_diagnosis.hpp"
#include "util/atomic_file.hpp"

#include <libtorrent/announce_entry.hpp>
#include <libtorrent/bdecode.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>
#include <system_error>

namespace pico::cli {
namespace {

// libtorrent's string_view is Boost's; take either.
std::string ltrim(lt::string_view in)
{
    std::string_view const s(in.data(), in.size());
    auto const start = s.find_first_not_of(" \t\n\r\f\v");
    return start == std::string_view::npos ? std::string() : std::string(s.substr(start));
}

// The tiers exactly as the file lists them. libtorrent shuffles URLs within a tier, so
// its tracker list cannot give a stable order; the rules for what counts (list tiers,
// non-blank strings) are libtorrent's.
std::vector<std::vector<std::string>> announce_tiers(lt::bdecode_node const& root)
{
    std::vector<std::vector<std::string>> tiers;
    lt::bdecode_node const list = root.dict_find_list("announce-list");
    for (int i = 0; list && i < list.list_size(); ++i) {
        lt::bdecode_node const tier = list.list_at(i);
        if (tier.type() != lt::bdecode_node::list_t)
            continue;
        std::vector<std::string> urls;
        for (int k = 0; k < tier.list_size(); ++k) {
            std::string url = ltrim(tier.list_string_value_at(k));
            if (!url.empty())
                urls.push_back(std::move(url));
        }
        if (!urls.empty())
            tiers.push_back(std::move(urls));
    }
    return tiers;
}

std::vector<std::string> split_hashes(lt::span<char const> bytes, std::size_t size)
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i + size <= static_cast<std::size_t>(bytes.size()); i += size)
        out.push_back(to_hex(std::string_view(bytes.data() + i, size)));
    return out;
}

file_report file_entry(lt::torrent_info const& ti, lt::file_index_t i)
{
    lt::file_storage const& fs = ti.files();
    auto const flags = fs.file_flags(i);
    file_report f;
    f.path = fs.file_path(i);
    f.size = fs.file_size(i);
    f.offset = fs.file_offset(i);
    f.pad = bool(flags & lt::file_storage::flag_pad_file);
    f.executable = bool(flags & lt::file_storage::flag_executable);
    f.hidden = bool(flags & lt::file_storage::flag_hidden);
    if (flags & lt::file_storage::flag_symlink)
        f.symlink_target = fs.symlink(i);
    if (ti.info_hashes().has_v2() && !f.pad && f.size > 0) {
        f.pieces_root = to_hex(fs.root(i).to_string());
        f.piece_layer = split_hashes(ti.piece_layer(i), 32);
    }
    return f;
}

torrent_report make_report(lt::torrent_info const& ti, lt::bdecode_node const& root)
{
    torrent_report r;
    r.name = ti.name();
    auto const& hashes = ti.info_hashes();
    if (hashes.has_v1())
        r.info_hash_v1 = to_hex(hashes.v1.to_string());
    if (hashes.has_v2())
        r.info_hash_v2 = to_hex(hashes.v2.to_string());
    if (std::string url = ltrim(root.dict_find_string_value("announce")); !url.empty())
        r.announce = std::move(url);
    r.announce_list = announce_tiers(root);
    for (auto const& ws : ti.web_seeds())
        (ws.type == lt::web_seed_entry::url_seed ? r.url_list : r.http_seeds).push_back(ws.url);
    for (auto const& [host, port] : ti.nodes())
        r.nodes.push_back({host, port});
    r.is_private = ti.priv();
    if (!ti.comment().empty())
        r.comment = ti.comment();
    if (!ti.creator().empty())
        r.created_by = ti.creator();
    if (std::int64_t const date = root.dict_find_int_value("creation date", -1); date >= 0)
        r.creation_date = date;
    r.piece_length = ti.piece_length();
    r.piece_count = ti.num_pieces();
    r.total_size = ti.total_size();
    for (auto const i : ti.files().file_range())
        r.files.push_back(file_entry(ti, i));
    if (hashes.has_v1()) {
        for (auto const p : ti.piece_range())
            r.piece_hashes.push_back(to_hex(ti.hash_for_piece(p).to_string()));
    }
    r.magnet_link = lt::make_magnet_uri(ti);
    return r;
}

} // namespace

torrent_report read_metainfo(std::string_view buffer)
{
    lt::load_torrent_limits const limits;
    if (buffer.size() > static_cast<std::size_t>(limits.max_buffer_size))
        throw metainfo_error("the file is " + std::to_string(buffer.size()) + " bytes; torrents over " +
                             std::to_string(limits.max_buffer_size) + " bytes are refused");
    lt::error_code ec;
    int error_pos = 0;
    lt::bdecode_node const root = lt::bdecode({buffer.data(), static_cast<std::ptrdiff_t>(buffer.size())}, ec,
                                              &error_pos, limits.max_decode_depth, limits.max_decode_tokens);
    if (ec)
        throw metainfo_error("invalid bencoding: " + ec.message(), error_pos);
    // libtorrent accepts a bare "magnet-uri" in place of an info dictionary; a file to
    // inspect must carry the metadata itself.
    if (root.type() != lt::bdecode_node::dict_t || !root.dict_find_dict("info"))
        throw diagnose_metainfo(root, lt::errors::torrent_missing_info);
    try {
        lt::torrent_info const ti(root, limits);
        return make_report(ti, root);
    } catch (lt::system_error const& e) {
        throw diagnose_metainfo(root, e.code());
    }
}

torrent_report read_metainfo_file(std::filesystem::path const& path)
{
    std::error_code ec;
    auto const status = std::filesystem::status(path, ec);
    if (!std::filesystem::exists(status))
        throw metainfo_error("no such file");
    if (std::filesystem::is_directory(status))
        throw metainfo_error("is a directory, not a .torrent file");
    // The size is checked before reading: `inspect /dev/zero` or a 300 MB file must not be read whole.
    auto const limit = static_cast<std::size_t>(lt::load_torrent_limits{}.max_buffer_size);
    std::string buffer;
    try {
        buffer = util::read_file(path, limit);
    } catch (std::system_error const& e) {
        if (e.code() == std::errc::file_too_large)
            throw metainfo_error("the file is larger than " + std::to_string(limit) +
                                 " bytes; larger torrents are refused");
        throw metainfo_error(e.code().message());
    }
    return read_metainfo(buffer);
}

} // namespace pico::cli
