// What the interop tests share: configs for our binary, running `picotorrent seed` and
// `picotorrent download` as a user would, and the real peers (aria2c, transmission-cli,
// opentracker, an HTTP server) on 127.0.0.1.
#pragma once

#include "support/test_support.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace pico::interop {

namespace fs = std::filesystem;

/// The picotorrent binary under test.
std::string picotorrent();

/// Full path of `name` found in PATH, or "" when it is not installed.
std::string find_program(std::string const& name);

/// Writes a loopback-only config for our binary (listen on 127.0.0.1:<port>, no DHT, LSD,
/// UPnP or NAT-PMP, an update URL that goes nowhere). `session_extra` entries are merged into
/// the "session" section.
fs::path write_config(fs::path const& file, std::uint16_t port, nlohmann::json const& session_extra = {});

/// True once something accepts TCP connections on 127.0.0.1:`port`.
bool tcp_listening(std::uint16_t port);

/// Waits (bounded) until 127.0.0.1:`port` accepts TCP connections.
bool wait_listening(std::uint16_t port, std::chrono::milliseconds timeout = std::chrono::seconds(60));

/// The arguments every run of our binary in these tests gets: config, state dir, no plugins.
std::vector<std::string> host_args(fs::path const& config, fs::path const& state_dir);

/// `picotorrent seed` running in the background on 127.0.0.1 (its own config and state dir under
/// `work`). The constructor waits for the "seeding ..." line and throws when it does not come.
class our_seed {
  public:
    our_seed(fs::path const& torrent, fs::path const& data, fs::path const& work,
             std::vector<std::string> const& extra_args = {}, nlohmann::json const& session_extra = {});

    /// "127.0.0.1:<port>".
    std::string endpoint() const { return "127.0.0.1:" + std::to_string(m_port); }
    /// Its listen port.
    std::uint16_t port() const { return m_port; }
    /// The process.
    test_support::child_process& process() { return *m_process; }

  private:
    std::uint16_t m_port = 0;
    std::unique_ptr<test_support::child_process> m_process;
};

/// What a finished `picotorrent download` printed.
struct run_result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

/// Runs our binary to the end (bounded by `timeout`; -1 exit code when it had to be killed).
run_result run_picotorrent(std::vector<std::string> const& args,
                           std::chrono::milliseconds timeout = std::chrono::seconds(180));

/// `picotorrent download TORRENT --out-dir OUT` with a fresh loopback config and state dir
/// under `work`, plus `extra_args`.
run_result run_download(std::string const& torrent, fs::path const& out_dir, fs::path const& work,
                        std::vector<std::string> const& extra_args = {},
                        nlohmann::json const& session_extra = {});

/// Lines of `text` that are not the host's timestamped log lines ("2026-... info [host] ...").
std::vector<std::string> message_lines(std::string const& text);

/// opentracker on 127.0.0.1 (HTTP and UDP on one free port) serving the whitelisted hashes.
class tracker {
  public:
    /// Starts it with these v1 info hashes (40 hex digits) in its whitelist.
    tracker(fs::path const& work, std::vector<std::string> const& info_hashes);
    /// "http://127.0.0.1:<port>/announce".
    std::string announce_url() const;
    /// How many seeds the tracker lists for `info_hash` (40 hex digits), from its scrape page;
    /// -1 when it cannot be asked.
    int seeds(std::string const& info_hash) const;

  private:
    std::uint16_t m_port = 0;
    std::unique_ptr<test_support::child_process> m_process;
};

/// The body of http://127.0.0.1:`port``target` (HTTP/1.0 GET over a plain socket), "" on failure.
std::string http_get(std::uint16_t port, std::string const& target);

/// `python3 -m http.server` serving `dir` on 127.0.0.1.
class http_server {
  public:
    explicit http_server(fs::path const& dir);
    /// "http://127.0.0.1:<port>/".
    std::string url() const;

  private:
    std::uint16_t m_port = 0;
    std::unique_ptr<test_support::child_process> m_process;
};

/// transmission-cli with a private config dir (no DHT, LSD, PEX, port mapping) listening on
/// `port`, downloading or seeding `torrent` in `dir`.
std::unique_ptr<test_support::child_process> start_transmission(fs::path const& torrent, fs::path const& dir,
                                                                fs::path const& work, std::uint16_t port);

/// The v1 info hash of a .torrent file as 40 hex digits.
std::string v1_hash_hex(fs::path const& torrent);

/// Builds the payload `files` under `root/name` (a single file when `files` has one entry
/// whose path is empty) and a torrent for it; returns the payload path.
fs::path make_case(fs::path const& root, std::string const& name,
                   std::vector<test_support::payload_file> files, fs::path const& torrent,
                   test_support::torrent_options const& options);

} // namespace pico::interop

/// Skips the current test when a program it needs is missing.
#define INTEROP_REQUIRE_PROGRAM(name)                                                                        \
    do {                                                                                                     \
        if (::pico::interop::find_program(name).empty())                                                     \
            GTEST_SKIP() << name << " is not installed (scripts/install-deps installs it)";                  \
    } while (false)
