#include "messages.hpp"

namespace pico::websocket {

using ordered_json = nlohmann::ordered_json;

ordered_json torrent_array(std::vector<sdk::torrent_snapshot> const& torrents)
{
    ordered_json out = ordered_json::array();
    for (auto const& t : torrents)
        out.push_back(torrent_object(t));
    return out;
}

ordered_json torrent_object(sdk::torrent_snapshot const& t)
{
    return ordered_json{
        {"info_hash", t.info_hash},
        {"name", t.name},
        {"queue_position", t.queue_position},
        {"size", t.size},
        {"progress", t.progress},
        {"status", static_cast<std::int32_t>(t.status)},
        {"eta", t.eta},
        {"dl_rate", t.download_rate},
        {"ul_rate", t.upload_rate},
        {"seeds_connected", t.seeds_connected},
        {"seeds_total", t.seeds_total},
        {"nonseeds_connected", t.nonseeds_connected},
        {"nonseeds_total", t.nonseeds_total},
        // Additions beside the reference fields (docs/websocket.md), which stay exactly as they are.
        {"save_path", t.save_path},
        {"ratio", t.ratio},
        {"added_time", t.added_time},
        {"error", t.error},
        {"total_downloaded", t.all_time_download},
        {"total_uploaded", t.all_time_upload},
    };
}

ordered_json file_array(std::vector<sdk::file_entry> const& files,
                        std::vector<std::int64_t> const& done_bytes)
{
    ordered_json out = ordered_json::array();
    for (std::size_t i = 0; i < files.size(); ++i) {
        auto const& f = files[i];
        double progress = 0.0;
        if (i < done_bytes.size())
            progress = f.size > 0 ? static_cast<double>(done_bytes[i]) / static_cast<double>(f.size) : 1.0;
        out.push_back(ordered_json{{"index", f.index},
                                   {"path", f.path},
                                   {"size", f.size},
                                   {"progress", progress},
                                   {"priority", static_cast<int>(f.priority)}});
    }
    return out;
}

ordered_json peer_array(std::vector<sdk::peer_entry> const& peers)
{
    ordered_json out = ordered_json::array();
    for (auto const& p : peers)
        out.push_back(ordered_json{{"address", p.address},
                                   {"client", p.client},
                                   {"dl_rate", p.download_rate},
                                   {"ul_rate", p.upload_rate},
                                   {"progress", p.progress},
                                   {"flags", p.flags}});
    return out;
}

ordered_json tracker_array(std::vector<sdk::tracker_entry> const& trackers)
{
    ordered_json out = ordered_json::array();
    for (auto const& t : trackers)
        out.push_back(
            ordered_json{{"url", t.url}, {"tier", t.tier}, {"status", t.status}, {"message", t.message}});
    return out;
}

ordered_json stats_object(sdk::session_statistics const& s, sdk::rate_limits const& limits)
{
    return ordered_json{{"dl_rate", s.download_rate},
                        {"ul_rate", s.upload_rate},
                        {"total_downloaded", s.total_downloaded},
                        {"total_uploaded", s.total_uploaded},
                        {"listen_endpoints", s.listen_endpoints},
                        {"free_space", s.free_space},
                        {"torrents",
                         {{"total", s.torrents_total},
                          {"downloading", s.torrents_downloading},
                          {"seeding", s.torrents_seeding},
                          {"paused", s.torrents_paused},
                          {"checking", s.torrents_checking},
                          {"error", s.torrents_error}}},
                        {"download_rate_limit", limits.download},
                        {"upload_rate_limit", limits.upload}};
}

std::string hello_message(std::string const& app_version, std::vector<std::string> const& requests)
{
    return to_wire(ordered_json{{"type", "hello"},
                                {"app_version", app_version},
                                {"api_version", api_version},
                                {"requests", requests}});
}

std::string to_wire(ordered_json const& message)
{
    return message.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
}

std::string pico_state_message(std::vector<sdk::torrent_snapshot> const& torrents)
{
    return to_wire(ordered_json{{"type", "pico_state"},
                                {"version_info", {{"api_version", api_version}}},
                                {"torrents", torrent_array(torrents)}});
}

std::string torrent_added_message(sdk::torrent_snapshot const& t)
{
    return to_wire(ordered_json{{"type", "torrent_added"}, {"torrent", torrent_object(t)}});
}

std::string torrent_finished_message(sdk::torrent_snapshot const& t)
{
    return to_wire(ordered_json{{"type", "torrent_finished"}, {"torrent", torrent_object(t)}});
}

std::string torrent_removed_message(std::string const& info_hash)
{
    return to_wire(ordered_json{{"type", "torrent_removed"}, {"info_hash", info_hash}});
}

std::string torrent_updated_message(std::vector<sdk::torrent_snapshot> const& torrents)
{
    return to_wire(ordered_json{{"type", "torrent_updated"}, {"torrents", torrent_array(torrents)}});
}

} // namespace pico::websocket
