// Requests about torrents: adding, control, queue moves, files, peers, trackers, limits.
#include "base64.hpp"
#include "messages.hpp"
#include "request_fields.hpp"
#include "request_types.hpp"
#include "save_path_policy.hpp"

namespace pico::websocket {

using json = nlohmann::json;
using reply = nlohmann::ordered_json;

namespace {

// --- readers (server thread) -------------------------------------------------------------

void read_info_hash(json const& msg, command& cmd)
{
    cmd.info_hash = info_hash_of(msg);
}

void read_add(json const& msg, command& cmd)
{
    bool const has_magnet = msg.contains("magnet");
    bool const has_torrent = msg.contains("torrent");
    if (has_magnet == has_torrent)
        throw request_error{"add needs exactly one of \"magnet\" or \"torrent\""};
    if (has_magnet) {
        cmd.magnet = required_string(msg, "magnet");
        if (cmd.magnet.rfind("magnet:?", 0) != 0)
            throw request_error{"\"magnet\" must be a magnet URI (magnet:?...)"};
    } else {
        auto decoded = base64_decode(required_string(msg, "torrent"));
        if (!decoded || decoded->empty())
            throw request_error{"\"torrent\" must be a base64-encoded .torrent file"};
        cmd.torrent_data = std::move(*decoded);
    }
    if (auto it = msg.find("save_path"); it != msg.end() && !it->is_null())
        cmd.save_path = required_string(msg, "save_path");
    cmd.paused = optional_bool(msg, "paused");
}

void read_remove(json const& msg, command& cmd)
{
    cmd.info_hash = info_hash_of(msg);
    cmd.delete_data = optional_bool(msg, "delete_data");
}

void read_move_storage(json const& msg, command& cmd)
{
    cmd.info_hash = info_hash_of(msg);
    cmd.save_path = required_string(msg, "save_path");
}

void read_priorities(json const& msg, command& cmd)
{
    cmd.info_hash = info_hash_of(msg);
    auto it = msg.find("priorities");
    if (it == msg.end() || !it->is_array())
        throw request_error{"\"priorities\" must be an array with one priority (0-7) per file"};
    cmd.priorities.reserve(it->size());
    for (auto const& p : *it) {
        if (!p.is_number_integer() || p.get<std::int64_t>() < 0 || p.get<std::int64_t>() > sdk::top_priority)
            throw request_error{"\"priorities\" must hold integers from 0 (skip) to 7 (top)"};
        cmd.priorities.push_back(static_cast<std::uint8_t>(p.get<std::int64_t>()));
    }
}

void read_limits(json const& msg, command& cmd)
{
    // No info_hash: the session-wide limits.
    if (auto it = msg.find("info_hash"); it != msg.end() && !it->is_null())
        cmd.info_hash = info_hash_of(msg);
    cmd.download_limit = optional_limit(msg, "download");
    cmd.upload_limit = optional_limit(msg, "upload");
    if (!cmd.download_limit && !cmd.upload_limit)
        throw request_error{"set_limits needs \"download\" or \"upload\" (bytes per second, 0 = unlimited)"};
}

// --- runners (host thread) ---------------------------------------------------------------

[[noreturn]] void unknown_torrent(std::string const& info_hash)
{
    throw request_error{"no torrent with info hash " + info_hash};
}

sdk::torrent_snapshot existing_torrent(request_context const& c, std::string const& info_hash)
{
    auto t = c.host.find_torrent(info_hash);
    if (!t)
        unknown_torrent(info_hash);
    return *t;
}

std::string confined(request_context const& c, std::string const& requested)
{
    auto const check = confine_save_path(requested, c.save_roots);
    if (!check.ok)
        throw request_error{check.error};
    return check.path;
}

reply run_add(request_context const& c, command const& cmd)
{
    sdk::add_torrent_request req;
    if (!cmd.magnet.empty()) {
        req.source = sdk::torrent_source::magnet;
        req.location = cmd.magnet;
    } else {
        req.source = sdk::torrent_source::bytes;
        req.data = cmd.torrent_data;
    }
    if (!cmd.save_path.empty())
        req.save_path = confined(c, cmd.save_path);
    req.paused = cmd.paused;
    auto const result = c.host.add_torrent(std::move(req));
    if (!result.ok)
        throw request_error{result.error.empty() ? "the torrent was not added" : result.error};
    return reply{{"info_hash", result.info_hash}, {"duplicate", result.duplicate}};
}

template <bool (sdk::host::*Action)(std::string const&)>
reply run_on_torrent(request_context const& c, command const& cmd)
{
    if (!(c.host.*Action)(cmd.info_hash))
        unknown_torrent(cmd.info_hash);
    return reply{{"info_hash", cmd.info_hash}};
}

reply run_remove(request_context const& c, command const& cmd)
{
    auto const mode = cmd.delete_data ? sdk::remove_mode::delete_data : sdk::remove_mode::keep_data;
    if (!c.host.remove_torrent(cmd.info_hash, mode))
        unknown_torrent(cmd.info_hash);
    return reply{{"info_hash", cmd.info_hash}};
}

reply run_move_storage(request_context const& c, command const& cmd)
{
    existing_torrent(c, cmd.info_hash);
    auto const path = confined(c, cmd.save_path);
    if (!c.host.move_storage(cmd.info_hash, path))
        throw request_error{"the host refused to move " + cmd.info_hash + " to " + path};
    return reply{{"info_hash", cmd.info_hash}, {"save_path", path}};
}

template <sdk::queue_move Move> reply run_queue_move(request_context const& c, command const& cmd)
{
    existing_torrent(c, cmd.info_hash);
    (void)c.host.move_in_queue(cmd.info_hash, Move); // false for a torrent without a queue place
    return reply{{"info_hash", cmd.info_hash},
                 {"queue_position", existing_torrent(c, cmd.info_hash).queue_position}};
}

reply run_files(request_context const& c, command const& cmd)
{
    existing_torrent(c, cmd.info_hash);
    return reply{{"info_hash", cmd.info_hash},
                 {"files", file_array(c.host.files(cmd.info_hash), c.host.file_progress(cmd.info_hash))}};
}

reply run_set_file_priorities(request_context const& c, command const& cmd)
{
    existing_torrent(c, cmd.info_hash);
    auto const count = c.host.files(cmd.info_hash).size();
    if (count == 0)
        throw request_error{"the torrent's files are not known yet (no metadata)"};
    if (cmd.priorities.size() != count)
        throw request_error{"\"priorities\" has " + std::to_string(cmd.priorities.size()) +
                            " entries; the torrent has " + std::to_string(count) + " files"};
    if (!c.host.set_file_priorities(cmd.info_hash, cmd.priorities))
        throw request_error{"the host refused the file priorities"};
    return reply{{"info_hash", cmd.info_hash}};
}

reply run_peers(request_context const& c, command const& cmd)
{
    existing_torrent(c, cmd.info_hash);
    return reply{{"info_hash", cmd.info_hash}, {"peers", peer_array(c.host.peers(cmd.info_hash))}};
}

reply run_trackers(request_context const& c, command const& cmd)
{
    existing_torrent(c, cmd.info_hash);
    return reply{{"info_hash", cmd.info_hash}, {"trackers", tracker_array(c.host.trackers(cmd.info_hash))}};
}

void store_global_limit(request_context const& c, char const* key, std::int64_t value)
{
    // Session-wide limits go into the configuration, so they outlast a restart as in any
    // client's settings; the host applies a session.* change to the running session.
    if (auto st = c.host.set_config_value(key, std::to_string(value)); !st.ok)
        throw request_error{st.error};
}

reply run_set_limits(request_context const& c, command const& cmd)
{
    if (cmd.info_hash.empty()) {
        if (cmd.download_limit)
            store_global_limit(c, "session.download_rate_limit", *cmd.download_limit);
        if (cmd.upload_limit)
            store_global_limit(c, "session.upload_rate_limit", *cmd.upload_limit);
        auto const now = c.host.global_limits();
        return reply{{"limits", {{"download", now.download}, {"upload", now.upload}}}};
    }
    auto current = c.host.torrent_limits(cmd.info_hash);
    if (!current)
        unknown_torrent(cmd.info_hash);
    current->download = cmd.download_limit.value_or(current->download);
    current->upload = cmd.upload_limit.value_or(current->upload);
    if (auto st = c.host.set_torrent_limits(cmd.info_hash, *current); !st.ok)
        throw request_error{st.error};
    return reply{{"info_hash", cmd.info_hash},
                 {"limits", {{"download", current->download}, {"upload", current->upload}}}};
}

} // namespace

std::vector<request_type> const& torrent_request_types()
{
    static std::vector<request_type> const types{
        {"add", read_add, run_add},
        {"pause", read_info_hash, run_on_torrent<&sdk::host::pause_torrent>},
        {"resume", read_info_hash, run_on_torrent<&sdk::host::resume_torrent>},
        {"remove", read_remove, run_remove},
        {"recheck", read_info_hash, run_on_torrent<&sdk::host::force_recheck>},
        {"move_storage", read_move_storage, run_move_storage},
        {"queue_up", read_info_hash, run_queue_move<sdk::queue_move::up>},
        {"queue_down", read_info_hash, run_queue_move<sdk::queue_move::down>},
        {"queue_top", read_info_hash, run_queue_move<sdk::queue_move::top>},
        {"queue_bottom", read_info_hash, run_queue_move<sdk::queue_move::bottom>},
        {"files", read_info_hash, run_files},
        {"set_file_priorities", read_priorities, run_set_file_priorities},
        {"peers", read_info_hash, run_peers},
        {"trackers", read_info_hash, run_trackers},
        {"set_limits", read_limits, run_set_limits},
    };
    return types;
}

} // namespace pico::websocket
