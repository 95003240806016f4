#include "cli/torrent_creation_job.hpp"

#include "cli/torrent_creator.hpp"
#include "util/atomic_file.hpp"

#include <filesystem>
#include <system_error>

namespace pico::cli {
namespace {

// Thrown from the piece callback to leave libtorrent's hashing loop: set_piece_hashes has no
// stop call, and its disk threads are aborted and joined on the way out (qBittorrent's
// torrent creator stops the same way).
struct creation_stopped {};

create_options options_of(sdk::create_torrent_request const& request, std::string const& creator)
{
    if (request.output.empty())
        throw create_error("no output file given");
    std::error_code ec;
    if (!request.overwrite &&
        std::filesystem::symlink_status(request.output, ec).type() != std::filesystem::file_type::not_found)
        throw create_error(request.output + " already exists");
    create_options o;
    o.source = request.source;
    o.trackers = request.trackers;
    o.web_seeds = request.web_seeds;
    if (request.piece_size_kib != 0)
        o.piece_size = piece_size_from_kib(request.piece_size_kib);
    o.is_private = request.is_private;
    o.format = request.format == sdk::torrent_format::v1_only   ? torrent_format::v1_only
               : request.format == sdk::torrent_format::v2_only ? torrent_format::v2_only
                                                                : torrent_format::hybrid;
    o.comment = request.comment;
    o.creator = creator;
    return o;
}

} // namespace

sdk::create_torrent_result run_creation_job(sdk::create_torrent_request const& request,
                                            sdk::create_progress const& progress, std::string const& creator)
{
    sdk::create_torrent_result result;
    result.output = request.output;
    try {
        auto const options = options_of(request, creator);
        auto const torrent = create_torrent_file(options, [&](int done, int total) {
            if (progress && !progress(done, total))
                throw creation_stopped{};
        });
        util::write_file_atomically(request.output,
                                    std::string_view(torrent.data.data(), torrent.data.size()));
        result.ok = true;
        result.info_hash = torrent.info_hash_v1.empty() ? torrent.info_hash_v2 : torrent.info_hash_v1;
        result.piece_count = torrent.piece_count;
    } catch (creation_stopped const&) {
        result.cancelled = true;
        result.error = "cancelled";
    } catch (std::exception const& e) {
        result.error = e.what();
    }
    return result;
}

} // namespace pico::cli
