// Commands authenticated clients send ("add", "pause", "resume", "remove") and their replies.
// Parsing happens on the server thread; running needs the host, so it happens on the host thread.
#pragma once

#include <picotorrent/sdk/host.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pico::websocket {

/// A checked command, ready to run.
struct command {
    /// Which command.
    enum class kind { add, pause, resume, remove };
    /// Which command.
    kind what = kind::add;
    /// The request's "id", echoed in the reply (null when absent).
    nlohmann::json id;
    /// add: a magnet URI (empty when `torrent_data` is used).
    std::string magnet;
    /// add: the decoded .torrent bytes (empty when `magnet` is used).
    std::string torrent_data;
    /// add: optional save path.
    std::string save_path;
    /// add: add paused.
    bool paused = false;
    /// pause/resume/remove: lowercase hex info hash.
    std::string info_hash;
    /// remove: delete the downloaded files too.
    bool delete_data = false;
};

/// Either a command or the error reply to send instead.
struct parse_outcome {
    /// Set when the text is a valid command.
    std::optional<command> cmd;
    /// Set (JSON text) when it is not.
    std::string error_reply;
};

/// Checks one inbound message. Never throws.
parse_outcome parse_command(std::string_view text);

/// Runs a command against the host (host thread only) and returns the reply as JSON text.
/// A client's save_path must lie under one of `save_roots` (see save_path_policy.hpp).
std::string run_command(sdk::host& host, command const& cmd, std::vector<std::string> const& save_roots);

/// {"type":"error","id":ID,"message":MESSAGE}
std::string error_reply(nlohmann::json const& id, std::string const& message);

} // namespace pico::websocket
