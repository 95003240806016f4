#include "commands.hpp"

#include "base64.hpp"
#include "json_limits.hpp"
#include "messages.hpp"
#include "save_path_policy.hpp"

#include <algorithm>
#include <cctype>

namespace pico::websocket {

using json = nlohmann::json;

namespace {

struct bad_command {
    std::string message;
};

std::string const& required_string(json const& msg, char const* key)
{
    auto it = msg.find(key);
    if (it == msg.end() || !it->is_string())
        throw bad_command{std::string("\"") + key + "\" must be a string"};
    return it->get_ref<std::string const&>();
}

bool optional_bool(json const& msg, char const* key)
{
    auto it = msg.find(key);
    if (it == msg.end() || it->is_null())
        return false;
    if (!it->is_boolean())
        throw bad_command{std::string("\"") + key + "\" must be true or false"};
    return it->get<bool>();
}

std::string info_hash_of(json const& msg)
{
    std::string h = required_string(msg, "info_hash");
    bool const hex = std::all_of(h.begin(), h.end(), [](unsigned char c) { return std::isxdigit(c) != 0; });
    if (!hex || (h.size() != 40 && h.size() != 64))
        throw bad_command{"\"info_hash\" must be 40 or 64 hex characters"};
    std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return h;
}

void read_add(json const& msg, command& cmd)
{
    bool const has_magnet = msg.contains("magnet");
    bool const has_torrent = msg.contains("torrent");
    if (has_magnet == has_torrent)
        throw bad_command{"add needs exactly one of \"magnet\" or \"torrent\""};
    if (has_magnet) {
        cmd.magnet = required_string(msg, "magnet");
        if (cmd.magnet.rfind("magnet:?", 0) != 0)
            throw bad_command{"\"magnet\" must be a magnet URI (magnet:?...)"};
    } else {
        auto decoded = base64_decode(required_string(msg, "torrent"));
        if (!decoded || decoded->empty())
            throw bad_command{"\"torrent\" must be a base64-encoded .torrent file"};
        cmd.torrent_data = std::move(*decoded);
    }
    if (auto it = msg.find("save_path"); it != msg.end() && !it->is_null())
        cmd.save_path = required_string(msg, "save_path");
    cmd.paused = optional_bool(msg, "paused");
}

nlohmann::ordered_json result_reply(json const& id, std::string const& info_hash)
{
    return nlohmann::ordered_json{{"type", "result"}, {"id", id}, {"ok", true}, {"info_hash", info_hash}};
}

} // namespace

std::string error_reply(json const& id, std::string const& message)
{
    nlohmann::ordered_json reply{{"type", "error"}, {"id", id}, {"message", message}};
    return to_wire(reply);
}

parse_outcome parse_command(std::string_view text)
{
    parse_outcome out;
    json msg = parse_limited(text);
    if (msg.is_discarded()) {
        // accept() only checks the syntax and builds nothing, so it is safe on deep input.
        out.error_reply = error_reply(nullptr, json::accept(text) ? "JSON nested deeper than " +
                                                                        std::to_string(max_message_depth) + " levels"
                                                                  : std::string("malformed JSON"));
        return out;
    }
    if (!msg.is_object()) {
        out.error_reply = error_reply(nullptr, "a command must be a JSON object");
        return out;
    }
    command cmd;
    if (auto it = msg.find("id"); it != msg.end()) {
        // Ids are echoed in every reply: only scalars, so a reply never copies a client's tree.
        if (it->is_structured()) {
            out.error_reply = error_reply(nullptr, "\"id\" must be a string, a number, true/false or null");
            return out;
        }
        cmd.id = *it;
    }
    try {
        auto it = msg.find("type");
        if (it == msg.end() || !it->is_string())
            throw bad_command{"\"type\" must be a string"};
        std::string const& type = it->get_ref<std::string const&>();
        if (type == "add") {
            cmd.what = command::kind::add;
            read_add(msg, cmd);
        } else if (type == "pause" || type == "resume") {
            cmd.what = type == "pause" ? command::kind::pause : command::kind::resume;
            cmd.info_hash = info_hash_of(msg);
        } else if (type == "remove") {
            cmd.what = command::kind::remove;
            cmd.info_hash = info_hash_of(msg);
            cmd.delete_data = optional_bool(msg, "delete_data");
        } else {
            throw bad_command{"unknown command type '" + type + "'"};
        }
    } catch (bad_command const& e) {
        out.error_reply = error_reply(cmd.id, e.message);
        return out;
    }
    out.cmd = std::move(cmd);
    return out;
}

std::string run_command(sdk::host& host, command const& cmd, std::vector<std::string> const& save_roots)
{
    switch (cmd.what) {
    case command::kind::add: {
        sdk::add_torrent_request req;
        if (!cmd.magnet.empty()) {
            req.source = sdk::torrent_source::magnet;
            req.location = cmd.magnet;
        } else {
            req.source = sdk::torrent_source::bytes;
            req.data = cmd.torrent_data;
        }
        if (!cmd.save_path.empty()) {
            auto const confined = confine_save_path(cmd.save_path, save_roots);
            if (!confined.ok)
                return error_reply(cmd.id, confined.error);
            req.save_path = confined.path;
        }
        req.paused = cmd.paused;
        auto const result = host.add_torrent(std::move(req));
        if (!result.ok)
            return error_reply(cmd.id, result.error.empty() ? "the torrent was not added" : result.error);
        auto reply = result_reply(cmd.id, result.info_hash);
        reply["duplicate"] = result.duplicate;
        return to_wire(reply);
    }
    case command::kind::pause:
    case command::kind::resume:
    case command::kind::remove: {
        bool found = false;
        if (cmd.what == command::kind::pause)
            found = host.pause_torrent(cmd.info_hash);
        else if (cmd.what == command::kind::resume)
            found = host.resume_torrent(cmd.info_hash);
        else
            found = host.remove_torrent(cmd.info_hash,
                                        cmd.delete_data ? sdk::remove_mode::delete_data : sdk::remove_mode::keep_data);
        if (!found)
            return error_reply(cmd.id, "no torrent with info hash " + cmd.info_hash);
        return to_wire(result_reply(cmd.id, cmd.info_hash));
    }
    }
    return error_reply(cmd.id, "unknown command");
}

} // namespace pico::websocket
