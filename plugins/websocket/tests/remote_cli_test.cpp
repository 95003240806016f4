// `picotorrent remote` against a real `picotorrent run` (websocket plugin, loopback config) that
// downloads from a loopback seeder: every command, and the errors a user meets (bad token, host
// down, unknown hash, bad arguments), each a one-line message and a non-zero exit.
#include "support/test_support.hpp"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <libtorrent/torrent_handle.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

namespace {

namespace fs = std::filesystem;
using namespace pico::test_support;
using namespace std::chrono_literals;
using json = nlohmann::json;

struct outcome {
    int code = -1;
    std::string out;
    std::string err;
};

outcome remote(std::vector<std::string> args)
{
    args.insert(args.begin(), "remote");
    child_process p(PICO_EXECUTABLE, args);
    outcome o;
    o.code = p.wait(60s);
    o.out = p.stdout_text();
    o.err = p.stderr_text();
    return o;
}

void expect_one_line_error(outcome const& o, int code, std::string const& text)
{
    EXPECT_EQ(o.code, code) << o.out << o.err;
    EXPECT_EQ(std::count(o.err.begin(), o.err.end(), '\n'), 1) << o.err;
    EXPECT_NE(o.err.find(text), std::string::npos) << o.err;
    EXPECT_EQ(o.err.rfind("picotorrent remote: ", 0), 0u) << o.err;
}

std::string hex_v1(lt::info_hash_t const& ih)
{
    std::ostringstream out;
    out << ih.v1;
    return out.str();
}

class remote_cli : public ::testing::Test {
  protected:
    void SetUp() override
    {
        make_payload(tmp.path() / "seed",
                     {{"album/one.bin", 1536 * 1024}, {"album/two.bin", 3 * 1024 * 1024}}, 5);
        torrent = tmp.path() / "album.torrent";
        hash = hex_v1(make_torrent(tmp.path() / "seed" / "album", torrent, {.v1_only = true}));
        // Slow enough that the download lasts seconds, so peers can be seen while it runs.
        seed = std::make_unique<seeder>(torrent, tmp.path() / "seed",
                                        seeder_options{.upload_rate_limit = 1024 * 1024});
        peer_port = free_tcp_port();
        ws_port = free_tcp_port();
        fs::create_directories(tmp.path() / "downloads");
        config = tmp.path() / "PicoTorrent.json";
        write_loopback_host_config(config,
                                   {{"save_path", (tmp.path() / "downloads").string()},
                                    {"websocket", {{"enabled", true}, {"listen_port", ws_port}}}},
                                   peer_port);
        host = std::make_unique<child_process>(
            PICO_EXECUTABLE, std::vector<std::string>{"run", "--config", config.string(), "--state-dir",
                                                      (tmp.path() / "state").string(), "--plugin-dir",
                                                      PICO_WEBSOCKET_PLUGIN_ROOT, "--plugins", "websocket"});
        ASSERT_TRUE(host->wait_for_stderr("listening on ws://127.0.0.1:" + std::to_string(ws_port), 60s))
            << host->stderr_text();
    }

    void TearDown() override
    {
        if (host && host->running()) {
            host->kill(SIGINT);
            EXPECT_EQ(host->wait(60s), 0) << host->stderr_text();
        }
    }

    outcome run(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"--config", config.string()});
        return remote(std::move(args));
    }

    json torrents()
    {
        auto const o = run({"list", "--json"});
        EXPECT_EQ(o.code, 0) << o.err;
        return json::parse(o.out);
    }

    // The seeder dials the host's fixed port until `done`, as `run` has no --peer.
    template <class F> bool dial_until(F done)
    {
        lt::tcp::endpoint const leecher(lt::make_address_v4("127.0.0.1"), peer_port);
        return wait_until(
            [&] {
                seed->handle().connect_peer(leecher);
                return done();
            },
            120s, 300ms);
    }

    temp_dir tmp;
    fs::path torrent;
    fs::path config;
    std::string hash;
    std::unique_ptr<seeder> seed;
    std::unique_ptr<child_process> host;
    std::uint16_t peer_port = 0;
    std::uint16_t ws_port = 0;
};

TEST_F(remote_cli, every_command_against_a_real_host)
{
    auto o = run({"list"});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("0 torrents"), std::string::npos) << o.out;

    o = run(
        {"add", torrent.string(), "--paused", "--save-path", (tmp.path() / "downloads" / "music").string()});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_EQ(o.out, hash + " added\n");
    auto list = torrents();
    ASSERT_EQ(list.size(), 1u) << list.dump();
    EXPECT_EQ(list[0]["info_hash"], hash);
    EXPECT_EQ(list[0]["status"], 6) << "added paused";
    EXPECT_EQ(run({"add", torrent.string()}).out, hash + " (already there)\n");

    o = run({"list"});
    EXPECT_NE(o.out.find(hash.substr(0, 8)), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("downloading (paused)"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("album"), std::string::npos) << o.out;

    EXPECT_EQ(run({"resume", hash.substr(0, 6)}).out, hash + " resumed\n");
    // Peers are asked for while the download runs (the seeder is slowed to 1 MiB/s).
    bool saw_peer = false;
    ASSERT_TRUE(dial_until([&] {
        auto const p = run({"peers", hash, "--json"});
        EXPECT_EQ(p.code, 0) << p.err;
        for (auto const& peer : json::parse(p.out.empty() ? "[]" : p.out))
            saw_peer = saw_peer || peer["address"].get<std::string>().rfind("127.0.0.1:", 0) == 0;
        return torrents()[0]["progress"] == 1.0;
    })) << torrents().dump();
    EXPECT_TRUE(saw_peer) << "peers never listed the seeder";
    EXPECT_TRUE(files_equal(tmp.path() / "seed" / "album", tmp.path() / "downloads" / "music" / "album"));
    o = run({"peers", hash});
    EXPECT_NE(o.out.find("Address"), std::string::npos) << o.out;

    o = run({"files", hash});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("album/one.bin"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("album/two.bin"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("100.0%"), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("normal"), std::string::npos) << o.out;
    o = run({"stats"});
    ASSERT_EQ(o.code, 0) << o.err;
    EXPECT_NE(o.out.find("127.0.0.1:" + std::to_string(peer_port)), std::string::npos) << o.out;
    EXPECT_NE(o.out.find("Torrents:   1"), std::string::npos) << o.out;

    // watch prints a table per update: a pause and a resume from another client make two.
    child_process watcher(PICO_EXECUTABLE,
                          {"remote", "--config", config.string(), "watch", "--updates", "2"});
    ASSERT_TRUE(
        wait_until([&] { return watcher.stdout_text().find("album") != std::string::npos; }, 30s, 100ms));
    EXPECT_EQ(run({"pause", "all"}).out, hash + " paused\n");
    ASSERT_TRUE(wait_until([&] { return torrents()[0]["status"] == 13; }, 30s, 100ms)) << torrents().dump();
    EXPECT_EQ(run({"resume", "all"}).out, hash + " resumed\n");
    EXPECT_EQ(watcher.wait(60s), 0) << watcher.stderr_text();
    auto const shown = watcher.stdout_text();
    std::size_t tables = 0;
    for (auto pos = shown.find("Sum:"); pos != std::string::npos; pos = shown.find("Sum:", pos + 1))
        ++tables;
    EXPECT_EQ(tables, 3u) << shown;

    EXPECT_EQ(run({"recheck", "all"}).out, hash + " rechecking\n");

    // set: a setting applied and saved; one a remote client may not change is refused.
    EXPECT_EQ(run({"set", "session.active_downloads", "9"}).out, "session.active_downloads set\n");
    std::ifstream in(config);
    EXPECT_EQ(json::parse(in)["session"]["active_downloads"], 9);
    expect_one_line_error(run({"set", "session.listen_interfaces", "0.0.0.0:6881"}), 1,
                          "cannot be changed remotely");

    EXPECT_EQ(run({"remove", "--delete-data", hash}).out, hash + " removed\n");
    EXPECT_TRUE(wait_until([&] { return torrents().empty(); }, 30s, 100ms));
}

TEST_F(remote_cli, errors_are_one_line_and_non_zero)
{
    std::string const url = "ws://127.0.0.1:" + std::to_string(ws_port) + "/";
    expect_one_line_error(remote({"--url", url, "--token", std::string(32, 'x'), "list"}), 1,
                          "refused the token (HTTP 401)");
    expect_one_line_error(
        remote({"--url", "ws://127.0.0.1:" + std::to_string(free_tcp_port()), "--token", "t", "list"}), 1,
        "cannot connect");
    expect_one_line_error(run({"pause", "deadbeef"}), 1, "no torrent matches 'deadbeef'");
    expect_one_line_error(run({"files", "dead"}), 1, "no torrent matches");
    expect_one_line_error(run({"frobnicate"}), 2, "unknown command 'frobnicate'");
    expect_one_line_error(run({}), 2, "missing command");
    expect_one_line_error(run({"add", (tmp.path() / "missing.torrent").string()}), 2, "missing.torrent");
    expect_one_line_error(run({"files"}), 2, "files takes one HASH");
    expect_one_line_error(remote({"--url", "http://127.0.0.1:1", "--token", "t", "list"}), 2,
                          "ws:// or wss://");
    // A corrupt .torrent is the host's to refuse, with its reason.
    std::ofstream(tmp.path() / "bad.torrent") << "d4:infoi1ee";
    expect_one_line_error(run({"add", (tmp.path() / "bad.torrent").string()}), 1, "");
    // No websocket section to take the URL from.
    write_loopback_host_config(tmp.path() / "plain.json", {}, 0);
    expect_one_line_error(remote({"--config", (tmp.path() / "plain.json").string(), "list"}), 2,
                          "no enabled websocket plugin");
    // The host goes away: the next command says so.
    host->kill(SIGINT);
    EXPECT_EQ(host->wait(60s), 0);
    expect_one_line_error(run({"list"}), 1, "cannot connect");
}

} // namespace
