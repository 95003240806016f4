// The table behind parse_command and run_command: one row per request type. A new request is a
// reader and a runner in one of the *_requests.cpp files and a row in its group's table.
#pragma once

#include "commands.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace pico::websocket {

/// A request's fields are missing or wrong, or the host refused it: the message becomes the
/// error reply's text.
struct request_error {
    /// One line for the client.
    std::string message;
};

/// One request type.
struct request_type {
    /// The "type" a client sends.
    std::string_view name;
    /// Reads and checks the fields into `cmd` (server thread); throws request_error.
    void (*read)(nlohmann::json const& message, command& cmd);
    /// Runs the request (host thread) and returns the reply's fields besides type, id and ok;
    /// throws request_error.
    nlohmann::ordered_json (*run)(request_context const& context, command const& cmd);
};

/// add, pause, resume, remove, recheck, move_storage, the queue moves, files,
/// set_file_priorities, peers, trackers, set_limits.
std::vector<request_type> const& torrent_request_types();

/// get_state, session_stats, get_settings, set_settings.
std::vector<request_type> const& session_request_types();

} // namespace pico::websocket
