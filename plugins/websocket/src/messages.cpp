#include "messages.hpp"

namespace pico::websocket {

using json = nlohmann::ordered_json;

namespace {

json torrent_array(std::vector<sdk::torrent_snapshot> const& torrents)
{
    json out = json::array();
    for (auto const& t : torrents)
        out.push_back(torrent_object(t));
    return out;
}

} // namespace

json torrent_object(sdk::torrent_snapshot const& t)
{
    return json{
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
    };
}

std::string to_wire(json const& message) { return message.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string pico_state_message(std::vector<sdk::torrent_snapshot> const& torrents)
{
    return to_wire(json{{"type", "pico_state"},
                        {"version_info", {{"api_version", api_version}}},
                        {"torrents", torrent_array(torrents)}});
}

std::string torrent_added_message(sdk::torrent_snapshot const& t)
{
    return to_wire(json{{"type", "torrent_added"}, {"torrent", torrent_object(t)}});
}

std::string torrent_finished_message(sdk::torrent_snapshot const& t)
{
    return to_wire(json{{"type", "torrent_finished"}, {"torrent", torrent_object(t)}});
}

std::string torrent_removed_message(std::string const& info_hash)
{
    return to_wire(json{{"type", "torrent_removed"}, {"info_hash", info_hash}});
}

std::string torrent_updated_message(std::vector<sdk::torrent_snapshot> const& torrents)
{
    return to_wire(json{{"type", "torrent_updated"}, {"torrents", torrent_array(torrents)}});
}

} // namespace pico::websocket
