// End to end: `picotorrent run` with only the websocket plugin and a loopback-only config,
// a loopback seeder, and Python's websockets as the client. The client adds the torrent by
// command and follows pico_state, torrent_added, torrent_updated, torrent_finished and
// torrent_removed (see host_client.py). Set PICO_WEBSOCKET_CAPTURE=FILE to keep the messages.
#include "support/test_support.hpp"

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <iostream>
#include <libtorrent/torrent_handle.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/stat.h>

namespace {

namespace fs = std::filesystem;
using namespace pico::test_support;
using namespace std::chrono_literals;
using json = nlohmann::json;

json read_json(fs::path const& p)
{
    std::ifstream in(p);
    return json::parse(in);
}

std::string hex_v1(lt::info_hash_t const& ih)
{
    std::ostringstream out;
    out << ih.v1;
    return out.str();
}

} // namespace

TEST(websocket_host, python_client_follows_a_real_loopback_download)
{
    temp_dir tmp;
    fs::create_directories(tmp.path() / "seed");
    make_payload(tmp.path() / "seed", {{"payload.bin", 6 * 1024 * 1024}}, 7);
    auto const torrent = tmp.path() / "payload.torrent";
    auto const hashes = make_torrent(tmp.path() / "seed" / "payload.bin", torrent, {.v1_only = true});
    std::string const info_hash = hex_v1(hashes);

    // Slow enough that torrent_updated reports a download in progress.
    seeder seed(torrent, tmp.path() / "seed", {.upload_rate_limit = 2 * 1024 * 1024});

    std::uint16_t const peer_port = free_tcp_port();
    std::uint16_t const ws_port = free_tcp_port();
    auto const config = tmp.path() / "PicoTorrent.json";
    write_loopback_host_config(config,
                               {{"save_path", (tmp.path() / "downloads").string()},
                                {"websocket", {{"enabled", true}, {"listen_port", ws_port}}}},
                               peer_port);

    child_process host(PICO_EXECUTABLE,
                       {"run", "--config", config.string(), "--state-dir", (tmp.path() / "state").string(),
                        "--plugin-dir", PICO_WEBSOCKET_PLUGIN_ROOT, "--plugins", "websocket", "--save-path",
                        (tmp.path() / "downloads").string()});
    ASSERT_TRUE(host.wait_for_stderr("listening on ws://127.0.0.1:" + std::to_string(ws_port), 60s))
        << host.stderr_text();

    // The generated token is in the config file, which is private to its owner.
    auto const token = read_json(config)["websocket"]["token"].get<std::string>();
    EXPECT_EQ(token.size(), 64u);
    struct stat st {};
    ASSERT_EQ(::stat(config.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600);
    EXPECT_EQ(host.stderr_text().find(token), std::string::npos) << "the token must not be logged";

    auto const out = tmp.path() / "captured.json";
    child_process client(PICO_WEBSOCKET_PYTHON,
                         {PICO_WEBSOCKET_HOST_CLIENT, "--url",
                          "ws://127.0.0.1:" + std::to_string(ws_port) + "/", "--token", token, "--torrent",
                          torrent.string(), "--info-hash", info_hash, "--out", out.string()});
    // The host has no --peer for `run`: the seeder dials the host's fixed loopback port until
    // the client is done (libtorrent ignores the dial while the host lacks the torrent).
    lt::tcp::endpoint const leecher(lt::make_address_v4("127.0.0.1"), peer_port);
    bool const finished = wait_until(
        [&] {
            seed.handle().connect_peer(leecher);
            return !client.running();
        },
        180s, 500ms);
    ASSERT_TRUE(finished) << "client still running\n" << client.stderr_text();
    EXPECT_EQ(client.exit_code(), 0) << client.stdout_text() << client.stderr_text() << "\nhost:\n"
                                     << host.stderr_text();

    if (char const* keep = std::getenv("PICO_WEBSOCKET_CAPTURE"); keep && fs::exists(out))
        fs::copy_file(out, keep, fs::copy_options::overwrite_existing);
    if (fs::exists(out)) {
        auto const captured = read_json(out);
        for (char const* type :
             {"pico_state", "pico_state_during_download", "torrent_added", "torrent_updated",
              "torrent_finished", "torrent_removed", "add_result", "remove_result", "error_reply"})
            EXPECT_TRUE(captured.contains(type)) << type;
    }
    host.kill(SIGINT);
    EXPECT_EQ(host.wait(60s), 0) << host.stderr_text();
}

// Every request type of docs/websocket.md against the real host, mid-download (requests_client.py).
TEST(websocket_host, every_request_type_against_a_real_download)
{
    temp_dir tmp;
    std::vector<payload_file> const files{
        {"bundle/a.bin", 1024 * 1024}, {"bundle/b.bin", 2 * 1024 * 1024}, {"bundle/c.bin", 1536 * 1024}};
    make_payload(tmp.path() / "seed", files, 11);
    auto const torrent = tmp.path() / "bundle.torrent";
    // A tracker nobody listens on (loopback, a port just found free): trackers shows it with its error.
    std::string const tracker = "http://127.0.0.1:" + std::to_string(free_tcp_port()) + "/announce";
    auto const hashes =
        make_torrent(tmp.path() / "seed" / "bundle", torrent, {.trackers = {tracker}, .v1_only = true});
    seeder seed(torrent, tmp.path() / "seed", {.upload_rate_limit = 2 * 1024 * 1024});

    std::uint16_t const peer_port = free_tcp_port();
    std::uint16_t const ws_port = free_tcp_port();
    auto const downloads = tmp.path() / "downloads";
    fs::create_directories(downloads);
    fs::create_directories(tmp.path() / "outside");
    auto const config = tmp.path() / "PicoTorrent.json";
    write_loopback_host_config(
        config,
        {{"save_path", downloads.string()}, {"websocket", {{"enabled", true}, {"listen_port", ws_port}}}},
        peer_port);
    child_process host(PICO_EXECUTABLE,
                       {"run", "--config", config.string(), "--state-dir", (tmp.path() / "state").string(),
                        "--plugin-dir", PICO_WEBSOCKET_PLUGIN_ROOT, "--plugins", "websocket"});
    ASSERT_TRUE(host.wait_for_stderr("listening on ws://127.0.0.1:" + std::to_string(ws_port), 60s))
        << host.stderr_text();
    auto const token = read_json(config)["websocket"]["token"].get<std::string>();

    std::string sizes;
    for (auto const& f : files)
        sizes += (sizes.empty() ? "" : ",") + std::to_string(f.size);
    child_process client(PICO_WEBSOCKET_PYTHON,
                         {PICO_WEBSOCKET_REQUESTS_CLIENT, "--url",
                          "ws://127.0.0.1:" + std::to_string(ws_port) + "/", "--token", token, "--torrent",
                          torrent.string(), "--info-hash", hex_v1(hashes), "--save-root", downloads.string(),
                          "--outside", (tmp.path() / "outside").string(), "--peer-port",
                          std::to_string(peer_port), "--tracker", tracker, "--sizes", sizes});
    lt::tcp::endpoint const leecher(lt::make_address_v4("127.0.0.1"), peer_port);
    bool const done = wait_until(
        [&] {
            seed.handle().connect_peer(leecher);
            return !client.running();
        },
        180s, 500ms);
    ASSERT_TRUE(done) << "client still running\n" << client.stderr_text();
    EXPECT_EQ(client.exit_code(), 0) << client.stdout_text() << client.stderr_text() << "\nhost:\n"
                                     << host.stderr_text();
    std::cerr << client.stderr_text();

    // What set_settings and set_limits changed is in the configuration file, for the next start.
    auto const saved = read_json(config);
    EXPECT_EQ(saved["session"]["active_downloads"], 7) << saved.dump();
    EXPECT_EQ(saved["session"]["upload_rate_limit"], 8000000) << saved.dump();
    // A refused set_settings undoes what it changed (to the value in force before: 1, the default).
    EXPECT_EQ(saved["session"].value("active_checking", 1), 1) << saved.dump();
    host.kill(SIGINT);
    EXPECT_EQ(host.wait(60s), 0) << host.stderr_text();
}
