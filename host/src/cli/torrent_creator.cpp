#include "cli/torrent_creator.hpp"

#include "cli/formatting.hpp"

#include <algorithm>
#include <libtorrent/create_torrent.hpp>
#include <libtorrent/settings_pack.hpp>
#include <libtorrent/torrent_info.hpp>
#include <thread>

namespace pico::cli {
namespace {

constexpr std::int64_t min_piece_size = 16 * 1024;
// libtorrent refuses piece lengths above INT_MAX / 2.
constexpr std::int64_t max_piece_size = std::int64_t(512) * 1024 * 1024;

bool valid_piece_size(std::int64_t bytes)
{
    return bytes >= min_piece_size && bytes <= max_piece_size && (bytes & (bytes - 1)) == 0;
}

// "dir/" and "dir/." name the same directory as "dir"; libtorrent needs the last component.
std::filesystem::path normalized_source(std::filesystem::path const& source)
{
    std::error_code ec;
    if (source.empty() || !std::filesystem::exists(source, ec))
        throw create_error(source.string() + ": no such file or directory");
    auto path = std::filesystem::absolute(source).lexically_normal();
    if (!path.has_filename())
        path = path.parent_path();
    if (!path.has_filename())
        throw create_error(source.string() + ": cannot share the file system root");
    return path;
}

void check_urls(std::vector<std::string> const& urls, char const* what)
{
    for (auto const& url : urls) {
        if (url.find_first_not_of(" \t") == std::string::npos)
            throw create_error(std::string("empty ") + what + " URL");
    }
}

} // namespace

int piece_size_from_kib(std::int64_t kib)
{
    if (kib <= 0 || kib > max_piece_size / 1024 || !valid_piece_size(kib * 1024))
        throw create_error("piece size " + std::to_string(kib) +
                           " KiB is not a power of two from 16 KiB to 524288 KiB (512 MiB)");
    return static_cast<int>(kib * 1024);
}

created_torrent create_torrent_file(create_options const& options, hash_progress_fn const& progress)
{
    auto const source = normalized_source(options.source);
    if (options.piece_size != 0 && !valid_piece_size(options.piece_size))
        throw create_error("piece size " + std::to_string(options.piece_size) +
                           " bytes is not a power of two from 16 KiB to 512 MiB");
    check_urls(options.trackers, "tracker");
    check_urls(options.web_seeds, "web seed");

    lt::create_flags_t flags{};
    if (options.format == torrent_format::v1_only)
        flags |= lt::create_torrent::v1_only;
    else if (options.format == torrent_format::v2_only)
        flags |= lt::create_torrent::v2_only;

    lt::file_storage fs;
    lt::add_files(fs, source.string(), flags);
    if (fs.num_files() == 0)
        throw create_error(options.source.string() + ": contains no files");
    if (fs.total_size() == 0)
        throw create_error(options.source.string() +
                           ": contains only empty files; a torrent needs at least one byte");

    lt::create_torrent ct(fs, options.piece_size, flags);
    for (std::size_t tier = 0; tier < options.trackers.size(); ++tier)
        ct.add_tracker(options.trackers[tier], static_cast<int>(tier));
    for (auto const& url : options.web_seeds)
        ct.add_url_seed(url);
    ct.set_priv(options.is_private);
    if (!options.comment.empty())
        ct.set_comment(options.comment.c_str());
    if (!options.creator.empty())
        ct.set_creator(options.creator.c_str());
    ct.set_creation_date(options.creation_date.value_or(std::time(nullptr)));

    int const total = ct.num_pieces();
    int done = 0;
    lt::settings_pack settings;
    settings.set_int(lt::settings_pack::hashing_threads,
                     std::max(1, static_cast<int>(std::thread::hardware_concurrency())));
    lt::error_code ec;
    lt::set_piece_hashes(
        ct, source.parent_path().string(), settings,
        [&](lt::piece_index_t) {
            ++done;
            if (progress)
                progress(done, total);
        },
        ec);
    if (ec)
        throw std::runtime_error("hashing " + source.string() + " failed: " + ec.message());

    created_torrent out;
    out.data = ct.generate_buf();
    out.piece_count = total;
    lt::torrent_info const ti(lt::span<char const>(out.data), lt::from_span);
    if (ti.info_hashes().has_v1())
        out.info_hash_v1 = to_hex(ti.info_hashes().v1.to_string());
    if (ti.info_hashes().has_v2())
        out.info_hash_v2 = to_hex(ti.info_hashes().v2.to_string());
    return out;
}

} // namespace pico::cli
