#include "session/snapshot.hpp"

#include "session/status_mapping.hpp"
#include "util/info_hash.hpp"

#include <algorithm>
#include <libtorrent/download_priority.hpp>
#include <libtorrent/torrent_flags.hpp>

namespace pico::session {
namespace {

std::int64_t eta_seconds(lt::torrent_status const& st)
{
    std::int64_t const left = st.total_wanted - st.total_wanted_done;
    if (st.download_payload_rate <= 0 || left <= 0)
        return -1;
    // Round up: a torrent one byte from done is not "0 seconds away".
    return (left + st.download_payload_rate - 1) / st.download_payload_rate;
}

// The status carries the torrent_info only when asked for; the handle always can.
std::shared_ptr<lt::torrent_info const> torrent_file_of(lt::torrent_status const& st)
{
    if (auto ti = st.torrent_file.lock())
        return ti;
    if (!st.handle.is_valid())
        return nullptr;
    try {
        return st.handle.torrent_file();
    } catch (lt::system_error const&) {
        return nullptr; // removed since the status was taken
    }
}

} // namespace

std::string describe_error(lt::error_code const& ec, lt::file_index_t file,
                           std::shared_ptr<lt::torrent_info const> const& ti)
{
    if (!ec)
        return {};
    std::string text = ec.message();
    if (file == lt::torrent_status::error_file_none)
        return text;
    if (file == lt::torrent_status::error_file_ssl_ctx)
        return text + " (SSL context)";
    if (file == lt::torrent_status::error_file_metadata)
        return text + " (metadata)";
    if (file == lt::torrent_status::error_file_exception)
        return text + " (exception)";
    if (file == lt::torrent_status::error_file_partfile)
        return text + " (part file)";
    if (static_cast<int>(file) < 0)
        return text;
    if (ti && file < ti->files().end_file())
        return text + " (file: " + ti->files().file_path(file) + ")";
    return text + " (file #" + std::to_string(static_cast<int>(file)) + ")";
}

sdk::torrent_snapshot make_snapshot(lt::torrent_status const& st)
{
    sdk::torrent_snapshot s;
    s.info_hash = util::info_hash_string(st.info_hashes);
    s.info_hash_v2 = util::v2_hash_string(st.info_hashes);
    s.name = st.name;
    s.queue_position = static_cast<std::int32_t>(static_cast<int>(st.queue_position));
    // libtorrent reports `total` as 0 once seeding (no piece picker), when every byte counts as wanted.
    s.size = std::max(st.total, st.total_wanted);
    s.progress = static_cast<double>(st.progress);
    s.status = map_status(status_inputs_from(st));
    s.eta = eta_seconds(st);
    s.download_rate = st.download_payload_rate;
    s.upload_rate = st.upload_payload_rate;
    s.seeds_connected = st.num_seeds;
    s.nonseeds_connected = std::max(st.num_peers - st.num_seeds, 0);
    s.seeds_total = st.num_complete >= 0 ? st.num_complete : std::max(st.list_seeds, s.seeds_connected);
    s.nonseeds_total = st.num_incomplete >= 0 ? st.num_incomplete
                                              : std::max(st.list_peers - st.list_seeds, s.nonseeds_connected);
    s.save_path = st.save_path;
    s.ratio = st.all_time_download > 0
                  ? static_cast<double>(st.all_time_upload) / static_cast<double>(st.all_time_download)
                  : 0.0;
    if (st.errc)
        s.error = describe_error(st.errc, st.error_file,
                                 static_cast<int>(st.error_file) >= 0 ? torrent_file_of(st) : nullptr);
    s.added_time = static_cast<std::int64_t>(st.added_time);
    s.state = map_state(st.state);
    s.paused = static_cast<bool>(st.flags & lt::torrent_flags::paused);
    s.auto_managed = static_cast<bool>(st.flags & lt::torrent_flags::auto_managed);
    s.has_metadata = st.has_metadata;
    s.total_wanted_done = st.total_wanted_done;
    s.total_wanted = st.total_wanted;
    s.all_time_download = st.all_time_download;
    s.all_time_upload = st.all_time_upload;
    return s;
}

std::vector<sdk::file_entry> file_entries(lt::torrent_handle const& h)
{
    std::vector<sdk::file_entry> out;
    if (!h.is_valid())
        return out;
    std::shared_ptr<lt::torrent_info const> ti;
    std::vector<lt::download_priority_t> priorities;
    try {
        ti = h.torrent_file();
        if (!ti)
            return out;
        priorities = h.get_file_priorities();
    } catch (lt::system_error const&) {
        return out; // removed meanwhile
    }
    auto const& fs = ti->files();
    for (auto const i : fs.file_range()) {
        if (fs.pad_file_at(i))
            continue; // an artefact of piece alignment, never shown to users
        sdk::file_entry e;
        e.index = static_cast<std::int32_t>(static_cast<int>(i));
        e.path = fs.file_path(i);
        e.size = fs.file_size(i);
        auto const idx = static_cast<std::size_t>(static_cast<int>(i));
        e.priority = idx < priorities.size()
                         ? static_cast<std::uint8_t>(static_cast<std::uint8_t>(priorities[idx]))
                         : sdk::default_priority;
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace pico::session
