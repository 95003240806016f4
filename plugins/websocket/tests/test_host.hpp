// The WebSocket plugin's host in its tests and benchmark: the SDK's fake host with its host
// loop on a thread of its own (the plugin's server thread waits on the host thread), plus what
// a request needs from a session: torrents that come and go with their events when the plugin
// adds, removes, pauses or resumes one.
#pragma once

#include <chrono>
#include <picotorrent/sdk/testing/fake_host.hpp>
#include <picotorrent/sdk/testing/host_thread.hpp>
#include <string>
#include <vector>

namespace pico::websocket::testing {

/// Makes a torrent snapshot with every reference field set to a distinct value.
sdk::torrent_snapshot make_snapshot(std::string info_hash, std::string name);

/// The host double. Host-thread methods count calls from other threads (off_thread_calls), so
/// the tests also prove the plugin's threading rule.
class test_host final : public sdk::testing::fake_host {
  public:
    /// `section` is the plugin's config section as JSON text.
    explicit test_host(std::string section);

    /// Runs `f` on the host thread and returns its result (rethrows its exception).
    template <class F> auto call(F f) -> decltype(f()) { return m_loop.call(std::move(f)); }

    /// Delivers an event to the subscribers of its type, on the host thread; waits.
    void fire(sdk::event const& e);
    /// Replaces the session's torrents (waits).
    void set_torrents(std::vector<sdk::torrent_snapshot> torrents);

    /// The config section as last stored by set_config_section (or as constructed).
    std::string section();
    /// How many times the plugin wrote its section.
    int section_writes();
    /// Every log line so far.
    std::vector<std::string> log_lines() const;
    /// Waits until a log line contains `needle`.
    bool wait_for_log(std::string const& needle, std::chrono::milliseconds timeout) const;
    /// Host-thread-only methods called from another thread.
    int off_thread_calls() const { return wrong_thread_calls.load(); }
    /// The remove mode of the last remove_torrent call.
    sdk::remove_mode last_remove_mode();
    /// The last add request.
    sdk::add_torrent_request last_add();

    // sdk::host, where a request must change the torrent list
    bool remove_torrent(std::string const& info_hash, sdk::remove_mode how) override;
    bool pause_torrent(std::string const& info_hash) override;
    bool resume_torrent(std::string const& info_hash) override;
    void log(sdk::log_level level, std::string_view message) override;

  private:
    sdk::add_torrent_result add(sdk::add_torrent_request const& request);
    sdk::torrent_snapshot* find(std::string const& info_hash);

    bool const m_verbose;
    sdk::testing::host_thread m_loop{*this}; // last: it runs while the rest is alive
};

} // namespace pico::websocket::testing
