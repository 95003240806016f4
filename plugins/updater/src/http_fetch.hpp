// One HTTP(S) GET with certificate and host name verification, redirects, a body size limit and
// a deadline for the whole exchange. Asynchronous, on an io_context the caller runs.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace boost::asio {
class io_context;
}

namespace pico::updater {

/// What to fetch and how.
struct fetch_request {
    /// Absolute http or https URL.
    std::string url;
    /// Extra CA bundle (PEM) trusted besides the system store; empty for the system store only.
    std::string ca_file;
    /// Limit for the whole exchange, redirects included.
    std::chrono::milliseconds timeout = std::chrono::seconds(15);
    /// User-Agent header (GitHub's API refuses requests without one).
    std::string user_agent = "PicoTorrent";
    /// Largest body accepted.
    std::size_t body_limit = 1024 * 1024;
    /// Redirects followed before giving up.
    int max_redirects = 3;
};

/// How a fetch ended.
struct fetch_result {
    /// True when a 200 response was read completely.
    bool ok = false;
    /// The response body when ok.
    std::string body;
    /// One line saying what went wrong when not ok.
    std::string error;
};

/// Starts a GET. `done` is called exactly once, on a thread running `ioc`, unless `ioc` is
/// stopped and destroyed first (then the request is abandoned and its socket closed).
void fetch(boost::asio::io_context& ioc, fetch_request request, std::function<void(fetch_result)> done);

} // namespace pico::updater
