// Plain HTTP requests (no WebSocket upgrade) when the dashboard is served: GET and HEAD of its
// files, behind the same Host check as the upgrade. Pure, so it is tested without sockets.
#pragma once

#include "access_policy.hpp"
#include "web_files.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pico::websocket {

/// The parts of a plain HTTP request the dashboard looks at.
struct http_request_line {
    /// "GET", "HEAD", ...
    std::string method;
    /// The request target as sent, e.g. "/app.js" or "/?x=1".
    std::string target;
    /// Host header ("" when absent).
    std::string host;
};

/// What to send back.
struct http_answer {
    /// HTTP status code.
    int status = 200;
    /// Headers besides Content-Length.
    std::vector<std::pair<std::string, std::string>> headers;
    /// The body; empty for HEAD.
    std::string body;
    /// Content-Length: the body's size, or for HEAD the size a GET would send.
    std::size_t content_length = 0;
    /// Why the request was refused with 403, for the log; "" otherwise.
    std::string refusal;
};

/// Answers one plain HTTP request: 403 for a Host the policy refuses, 405 for a method other
/// than GET or HEAD, 200 with the file for "/" (index.html) or "/NAME" of a file in `files`,
/// else 404. No token is needed: the files hold no secret, and every WebSocket still needs one.
http_answer answer_dashboard_request(http_request_line const& request, web_files const& files,
                                     access_policy const& policy);

/// The Content-Security-Policy for pages served to `host` (a Host header the policy accepted):
/// scripts, styles and images from our origin only, WebSockets to this host only, no framing.
std::string dashboard_content_security_policy(std::string_view host);

} // namespace pico::websocket
