// Requests authenticated clients send ("add", "pause", "files", "session_stats", ...) and their
// replies. Parsing happens on the server thread, so a malformed request never reaches the host;
// running needs the host, so it happens on the host thread. Each request type is one row of a
// table (request_types.hpp): its name, a reader for its fields and the code that runs it.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <picotorrent/sdk/host.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace pico::websocket {

struct request_type;

/// A checked request, ready to run. Only the fields its type reads are set.
struct command {
    /// Which request; never null in a parsed command.
    request_type const* type = nullptr;
    /// The request's "id", echoed in the reply (null when absent; always a scalar).
    nlohmann::json id;
    /// add: a magnet URI (empty when `torrent_data` is used).
    std::string magnet;
    /// add: the decoded .torrent bytes (empty when `magnet` is used).
    std::string torrent_data;
    /// add, move_storage: the client's save path, not yet confined to the allowed roots.
    std::string save_path;
    /// add: add paused.
    bool paused = false;
    /// Requests about one torrent: lowercase hex info hash.
    std::string info_hash;
    /// remove: delete the downloaded files too.
    bool delete_data = false;
    /// set_file_priorities: one priority (0..7) per file, in file order.
    std::vector<std::uint8_t> priorities;
    /// set_limits: new download / upload limits in bytes per second (0 = unlimited); unset = keep.
    std::optional<std::int64_t> download_limit;
    /// set_limits: see download_limit.
    std::optional<std::int64_t> upload_limit;
    /// set_settings: the keys to change and their new values (a JSON object).
    nlohmann::json settings;
};

/// Either a command or the error reply to send instead.
struct parse_outcome {
    /// Set when the text is a valid command.
    std::optional<command> cmd;
    /// Set (JSON text) when it is not.
    std::string error_reply;
};

/// What a running request may use besides its fields.
struct request_context {
    /// The host (host thread only).
    sdk::host& host;
    /// Directories a client's save paths must lie under (see save_path_policy.hpp).
    std::vector<std::string> const& save_roots;
};

/// Checks one inbound message. Never throws.
parse_outcome parse_command(std::string_view text);

/// Runs a command against the host (host thread only) and returns the reply as JSON text.
std::string run_command(request_context const& context, command const& cmd);

/// The names of every request type, in the order docs/websocket.md lists them (for `hello`).
std::vector<std::string> supported_requests();

/// {"type":"error","id":ID,"message":MESSAGE}
std::string error_reply(nlohmann::json const& id, std::string const& message);

} // namespace pico::websocket
