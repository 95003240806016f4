#include "cli/report_json.hpp"

#include "cli/formatting.hpp"

namespace pico::cli {
namespace {

template <class T> nlohmann::ordered_json optional_value(std::optional<T> const& v)
{
    return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json file_json(file_report const& f, bool show_pieces)
{
    nlohmann::ordered_json j;
    j["path"] = f.path;
    j["size"] = f.size;
    j["offset"] = f.offset;
    j["pad"] = f.pad;
    j["executable"] = f.executable;
    j["hidden"] = f.hidden;
    j["symlink_target"] = optional_value(f.symlink_target);
    j["pieces_root"] = optional_value(f.pieces_root);
    if (show_pieces)
        j["piece_layer"] =
            f.pieces_root ? nlohmann::ordered_json(f.piece_layer) : nlohmann::ordered_json(nullptr);
    return j;
}

} // namespace

nlohmann::ordered_json report_to_json(torrent_report const& r, bool show_pieces)
{
    nlohmann::ordered_json j;
    j["schema_version"] = json_schema_version;
    j["name"] = r.name;
    j["format"] = r.format();
    j["info_hash"] = r.info_hash();
    j["info_hash_v1"] = optional_value(r.info_hash_v1);
    j["info_hash_v2"] = optional_value(r.info_hash_v2);
    j["announce"] = optional_value(r.announce);
    j["announce_list"] = r.announce_list;
    j["url_list"] = r.url_list;
    j["http_seeds"] = r.http_seeds;
    j["nodes"] = nlohmann::ordered_json::array();
    for (auto const& n : r.nodes)
        j["nodes"].push_back({{"host", n.host}, {"port", n.port}});
    j["private"] = r.is_private;
    j["comment"] = optional_value(r.comment);
    j["created_by"] = optional_value(r.created_by);
    j["creation_date"] = r.creation_date ? nlohmann::ordered_json(format_utc_iso8601(*r.creation_date))
                                         : nlohmann::ordered_json(nullptr);
    j["creation_date_unix"] = optional_value(r.creation_date);
    j["piece_length"] = r.piece_length;
    j["piece_count"] = r.piece_count;
    j["total_size"] = r.total_size;
    j["payload_size"] = r.payload_size();
    j["files"] = nlohmann::ordered_json::array();
    for (auto const& f : r.files)
        j["files"].push_back(file_json(f, show_pieces));
    if (show_pieces)
        j["pieces"] =
            r.info_hash_v1 ? nlohmann::ordered_json(r.piece_hashes) : nlohmann::ordered_json(nullptr);
    return j;
}

std::string report_to_json_text(torrent_report const& report, bool show_pieces)
{
    return report_to_json(report, show_pieces)
        .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

} // namespace pico::cli
