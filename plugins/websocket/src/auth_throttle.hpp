// Per-address back-off for wrong tokens: a few mistakes are free, then the address is refused
// (HTTP 429) for a while without the token being looked at, so guessing runs at a few tries a
// minute instead of thousands a second. The start of a block is logged once.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace pico::websocket {

/// Thread-safe; the server thread calls it for every handshake.
class auth_throttle {
  public:
    /// The clock, replaceable for tests.
    using clock = std::function<std::chrono::steady_clock::time_point()>;

    /// Wrong tokens allowed per address within `window` before it is blocked.
    static constexpr std::size_t default_free_failures = 10;

    /// `free_failures` within `window` block the address for `block_for`.
    explicit auth_throttle(std::size_t free_failures = default_free_failures,
                           std::chrono::seconds window = std::chrono::seconds(60),
                           std::chrono::seconds block_for = std::chrono::seconds(60),
                           clock now = std::chrono::steady_clock::now);

    /// True while `address` is blocked: refuse it before checking anything else.
    bool blocked(std::string const& address);

    /// Records a wrong or missing token; returns true when this failure starts a block (log it).
    bool failed(std::string const& address);

    /// A correct token: the address starts clean.
    void succeeded(std::string const& address);

    /// How long a block lasts.
    std::chrono::seconds block_duration() const { return m_block_for; }

  private:
    struct record {
        std::chrono::steady_clock::time_point window_start;
        std::size_t failures = 0;
        std::chrono::steady_clock::time_point blocked_until;
    };
    void forget_stale(std::chrono::steady_clock::time_point now);

    std::size_t m_free_failures;
    std::chrono::seconds m_window;
    std::chrono::seconds m_block_for;
    clock m_now;
    std::mutex m_mutex;
    std::map<std::string, record> m_records;
};

/// The address part of websocketpp's "IP:PORT" / "[IPv6]:PORT" remote endpoint text.
std::string address_of(std::string const& remote_endpoint);

} // namespace pico::websocket
