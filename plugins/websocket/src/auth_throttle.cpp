#include "auth_throttle.hpp"

namespace pico::websocket {

namespace {

/// Addresses tracked at most; beyond, stale records go first, so many sources cannot grow memory.
constexpr std::size_t max_tracked_addresses = 4096;

} // namespace

auth_throttle::auth_throttle(std::size_t free_failures, std::chrono::seconds window,
                             std::chrono::seconds block_for, clock now)
    : m_free_failures(free_failures), m_window(window), m_block_for(block_for), m_now(std::move(now))
{
}

bool auth_throttle::blocked(std::string const& address)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    auto it = m_records.find(address);
    return it != m_records.end() && m_now() < it->second.blocked_until;
}

bool auth_throttle::failed(std::string const& address)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    auto const now = m_now();
    if (m_records.size() >= max_tracked_addresses && m_records.find(address) == m_records.end())
        forget_stale(now);
    auto& r = m_records[address];
    if (r.failures == 0 || now - r.window_start >= m_window) {
        r.window_start = now;
        r.failures = 0;
    }
    ++r.failures;
    if (r.failures == m_free_failures + 1 || (r.failures > m_free_failures && now >= r.blocked_until)) {
        r.blocked_until = now + m_block_for;
        return true;
    }
    return false;
}

void auth_throttle::succeeded(std::string const& address)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    m_records.erase(address);
}

void auth_throttle::forget_stale(std::chrono::steady_clock::time_point now)
{
    for (auto it = m_records.begin(); it != m_records.end();) {
        bool const stale = now - it->second.window_start >= m_window && now >= it->second.blocked_until;
        it = stale ? m_records.erase(it) : std::next(it);
    }
    // Still full (a flood from many live addresses): start over rather than grow.
    if (m_records.size() >= max_tracked_addresses)
        m_records.clear();
}

std::string address_of(std::string const& remote_endpoint)
{
    if (!remote_endpoint.empty() && remote_endpoint.front() == '[') {
        auto const close = remote_endpoint.find(']');
        return close == std::string::npos ? remote_endpoint : remote_endpoint.substr(1, close - 1);
    }
    auto const colon = remote_endpoint.rfind(':');
    return colon == std::string::npos ? remote_endpoint : remote_endpoint.substr(0, colon);
}

} // namespace pico::websocket
