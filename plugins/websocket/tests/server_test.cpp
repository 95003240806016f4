// The plugin with real clients on loopback: our websocketpp client and raw sockets.
#include "plugin_fixture.hpp"
#include "ws_client.hpp"

#include <chrono>
#include <cstdlib>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <thread>
#include <unistd.h>

using namespace pico::websocket;
using namespace pico::websocket::testing;
using namespace std::chrono_literals;
using json = nlohmann::json;

namespace {

// AddressSanitizer keeps freed memory in quarantine, so RSS says nothing there; LeakSanitizer
// checks leaks in that build instead. ThreadSanitizer's shadow memory grows RSS with every
// allocation (52 MiB of growth where the bound is 24).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool rss_is_meaningful = false;
#else
constexpr bool rss_is_meaningful = true;
#endif

std::string const hash_a(40, 'a');
std::string const hash_b = std::string(32, 'b') + "01234567";

void expect_reference_torrent(json const& t)
{
    // The reference fields, then the additions beside them (docs/websocket.md).
    std::map<std::string, char> const fields{{"info_hash", 's'},
                                             {"name", 's'},
                                             {"queue_position", 'i'},
                                             {"size", 'i'},
                                             {"progress", 'f'},
                                             {"status", 'i'},
                                             {"eta", 'i'},
                                             {"dl_rate", 'i'},
                                             {"ul_rate", 'i'},
                                             {"seeds_connected", 'i'},
                                             {"seeds_total", 'i'},
                                             {"nonseeds_connected", 'i'},
                                             {"nonseeds_total", 'i'},
                                             {"save_path", 's'},
                                             {"ratio", 'f'},
                                             {"added_time", 'i'},
                                             {"error", 's'},
                                             {"total_downloaded", 'i'},
                                             {"total_uploaded", 'i'}};
    ASSERT_TRUE(t.is_object());
    EXPECT_EQ(t.size(), fields.size()) << t.dump();
    for (auto const& [name, kind] : fields) {
        ASSERT_TRUE(t.contains(name)) << name;
        auto const& v = t[name];
        if (kind == 's')
            EXPECT_TRUE(v.is_string()) << name;
        else if (kind == 'i')
            EXPECT_TRUE(v.is_number_integer()) << name;
        else
            EXPECT_TRUE(v.is_number()) << name;
    }
    EXPECT_GE(t["status"].get<int>(), -1);
    EXPECT_LE(t["status"].get<int>(), 15);
}

json receive_json(ws_client& c)
{
    auto m = c.receive();
    if (!m)
        return json();
    return json::parse(*m);
}

// pico_state, then hello right after it; returns pico_state.
json receive_welcome(ws_client& c)
{
    auto state = receive_json(c);
    auto const hello = receive_json(c);
    EXPECT_EQ(hello["type"], "hello") << hello.dump();
    EXPECT_EQ(hello["api_version"], 1);
    EXPECT_TRUE(hello["requests"].is_array());
    return state;
}

long open_fds()
{
    long n = 0;
    if (DIR* d = ::opendir("/proc/self/fd")) {
        while (::readdir(d))
            ++n;
        ::closedir(d);
    }
    return n;
}

long rss_bytes()
{
    std::ifstream statm("/proc/self/statm");
    long size = 0;
    long resident = 0;
    statm >> size >> resident;
    return resident * ::sysconf(_SC_PAGESIZE);
}

// Waits (bounded) until the server has no open connection left.
void wait_all_closed(running_plugin& p)
{
    for (int i = 0; i < 200 && p.plugin().stats().open != 0; ++i)
        std::this_thread::sleep_for(10ms);
}

struct temp_dir {
    temp_dir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "pico-ws-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~temp_dir() { std::filesystem::remove_all(path); }
    std::filesystem::path path;
};

} // namespace

TEST(websocket_server, disabled_by_default)
{
    test_host host("null");
    websocket_plugin plugin;
    host.call([&] { plugin.start(host); });
    EXPECT_EQ(plugin.port(), 0);
    EXPECT_EQ(host.section_writes(), 0);
    host.call([&] { plugin.stop(); });
}

TEST(websocket_server, generates_and_stores_a_token_on_first_start)
{
    running_plugin p(json{{"token", nullptr}});
    EXPECT_EQ(p.host().section_writes(), 1);
    auto const token = p.token();
    EXPECT_EQ(token.size(), 64u);
    ws_client c;
    ASSERT_TRUE(c.open(p.url()));
    EXPECT_EQ(receive_welcome(c)["type"], "pico_state");
    EXPECT_TRUE(p.host().wait_for_log("listening on ws://127.0.0.1:", 1s));
    for (auto const& line : p.host().log_lines())
        EXPECT_EQ(line.find(token), std::string::npos) << "the token must not be logged";
}

TEST(websocket_server, pico_state_first_with_every_reference_field)
{
    running_plugin p;
    p.host().set_torrents({make_snapshot(hash_a, "first"), make_snapshot(hash_b, "second")});
    ws_client c;
    ASSERT_TRUE(c.open(p.url()));
    EXPECT_EQ(c.http_status(), 101);
    auto const state = receive_welcome(c);
    EXPECT_EQ(state["type"], "pico_state");
    EXPECT_EQ(state["version_info"]["api_version"], 1);
    ASSERT_EQ(state["torrents"].size(), 2u);
    for (auto const& t : state["torrents"])
        expect_reference_torrent(t);
    EXPECT_EQ(state["torrents"][0]["info_hash"], hash_a);
    EXPECT_EQ(state["torrents"][1]["name"], "second");
    EXPECT_EQ(state["torrents"][0]["dl_rate"], 4096);
    EXPECT_EQ(p.host().off_thread_calls(), 0);
}

TEST(websocket_server, token_as_subprotocol_selects_pico_v1)
{
    running_plugin p;
    ws_client c;
    ASSERT_TRUE(
        c.open("ws://127.0.0.1:" + std::to_string(p.port()) + "/", {"pico.v1", "token." + fixed_token}));
    EXPECT_EQ(c.subprotocol(), "pico.v1");
    EXPECT_EQ(receive_welcome(c)["type"], "pico_state");
}

TEST(websocket_server, events_become_messages_in_order)
{
    running_plugin p;
    ws_client c;
    ASSERT_TRUE(c.open(p.url()));
    ASSERT_EQ(receive_welcome(c)["type"], "pico_state");

    pico::sdk::torrent_added_event added;
    added.torrent = make_snapshot(hash_a, "new one");
    p.host().fire(added);
    pico::sdk::torrents_updated_event updated;
    updated.torrents = {make_snapshot(hash_a, "new one")};
    updated.torrents[0].progress = 0.5;
    p.host().fire(updated);
    pico::sdk::torrents_updated_event nothing;
    p.host().fire(nothing); // no changes: no message
    pico::sdk::torrent_finished_event finished;
    finished.torrent = make_snapshot(hash_a, "new one");
    finished.torrent.status = pico::sdk::status_code::uploading;
    p.host().fire(finished);
    pico::sdk::torrent_removed_event removed;
    removed.info_hash = hash_a;
    p.host().fire(removed);

    auto const m1 = receive_json(c);
    EXPECT_EQ(m1["type"], "torrent_added");
    expect_reference_torrent(m1["torrent"]);
    EXPECT_EQ(m1["torrent"]["name"], "new one");
    auto const m2 = receive_json(c);
    EXPECT_EQ(m2["type"], "torrent_updated");
    ASSERT_EQ(m2["torrents"].size(), 1u);
    expect_reference_torrent(m2["torrents"][0]);
    EXPECT_DOUBLE_EQ(m2["torrents"][0]["progress"].get<double>(), 0.5);
    auto const m3 = receive_json(c);
    EXPECT_EQ(m3["type"], "torrent_finished");
    EXPECT_EQ(m3["torrent"]["status"], 10);
    auto const m4 = receive_json(c);
    EXPECT_EQ(m4, json({{"type", "torrent_removed"}, {"info_hash", hash_a}}));
    EXPECT_FALSE(c.receive(200ms));
    EXPECT_EQ(p.host().off_thread_calls(), 0);
}

TEST(websocket_server, refusals_get_401_or_403_and_no_data)
{
    running_plugin p;
    auto const port = p.port();
    std::string const host = "127.0.0.1:" + std::to_string(port);
    struct attempt {
        std::string resource;
        std::string host;
        std::string origin;
        int status;
    };
    std::vector<attempt> const attempts{
        {"/", host, "", 401},
        {"/?token=wrong", host, "", 401},
        {"/?token=" + fixed_token.substr(1), host, "", 401},
        {"/?token=" + fixed_token, host, "http://evil.example", 403},
        {"/?token=" + fixed_token, "evil.example:" + std::to_string(port), "", 403},
        {"/?token=" + fixed_token, "", "", 400}, // websocketpp itself refuses a request without Host
    };
    for (auto const& a : attempts) {
        raw_client raw(port);
        raw.send_upgrade(a.resource, a.host, a.origin, {"Sec-WebSocket-Protocol: pico.v1"});
        auto const r = raw.read_response();
        EXPECT_EQ(r.status, a.status) << a.resource << " " << a.host << " " << a.origin;
        EXPECT_EQ(r.headers.find("Sec-WebSocket-Accept"), std::string::npos);
        bool closed = false;
        auto const rest = raw.read_until_closed(5s, &closed);
        EXPECT_TRUE(closed);
        EXPECT_EQ(rest.find("pico_state"), std::string::npos);
        EXPECT_EQ(rest.find("torrent"), std::string::npos);
    }
    // Our websocketpp client sees the same.
    ws_client wrong;
    EXPECT_FALSE(wrong.open("ws://127.0.0.1:" + std::to_string(port) + "/?token=nope"));
    EXPECT_EQ(wrong.http_status(), 401);
    EXPECT_EQ(wrong.pending(), 0u);
    ws_client wrong_protocol;
    EXPECT_FALSE(
        wrong_protocol.open("ws://127.0.0.1:" + std::to_string(port) + "/", {"pico.v1", "token.nope"}));
    EXPECT_EQ(wrong_protocol.http_status(), 401);

    EXPECT_EQ(p.plugin().stats().accepted, 0u);
    EXPECT_EQ(p.plugin().stats().refused, attempts.size() - 1 + 2);
    // A refusal costs nothing on the host thread: no pico_state was built.
    EXPECT_EQ(p.host().off_thread_calls(), 0);
}

TEST(websocket_server, plain_http_is_not_served)
{
    running_plugin p;
    raw_client raw(p.port());
    raw.write("GET /?token=" + fixed_token + " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(p.port()) +
              "\r\n\r\n");
    EXPECT_EQ(raw.read_response().status, 426);
    raw_client anonymous(p.port());
    anonymous.write("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(p.port()) + "\r\n\r\n");
    EXPECT_EQ(anonymous.read_response().status, 401);
}

TEST(websocket_server, tls_with_a_certificate_made_by_openssl)
{
    temp_dir dir;
    auto const cert = dir.path / "cert.pem";
    auto const key = dir.path / "key.pem";
    std::string const cmd = "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days "
                            "1 -subj /CN=localhost -keyout '" +
                            key.string() + "' -out '" + cert.string() + "' >/dev/null 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;

    running_plugin p(json{{"tls", {{"certificate", cert.string()}, {"private_key", key.string()}}}});
    EXPECT_TRUE(p.host().wait_for_log("listening on wss://127.0.0.1:", 1s));
    p.host().set_torrents({make_snapshot(hash_a, "secure")});
    ws_client c(cert.string());
    ASSERT_TRUE(c.open(p.url("wss")));
    auto const state = receive_welcome(c);
    EXPECT_EQ(state["type"], "pico_state");
    EXPECT_EQ(state["torrents"][0]["name"], "secure");

    // Without TLS the server answers nothing readable.
    raw_client raw(p.port());
    raw.send_upgrade("/?token=" + fixed_token, "127.0.0.1:" + std::to_string(p.port()), "");
    EXPECT_EQ(raw.read_response(1s).status, 0);

    // A wss client with a wrong token is refused like a ws one.
    ws_client wrong(cert.string());
    EXPECT_FALSE(wrong.open("wss://127.0.0.1:" + std::to_string(p.port()) + "/?token=nope"));
    EXPECT_EQ(wrong.http_status(), 401);
}

TEST(websocket_server, bad_tls_files_refuse_to_start)
{
    test_host host(
        json{{"enabled", true},
             {"listen_port", 0},
             {"token", fixed_token},
             {"tls", {{"certificate", "/nonexistent/cert.pem"}, {"private_key", "/nonexistent/key.pem"}}}}
            .dump());
    websocket_plugin plugin;
    try {
        host.call([&] { plugin.start(host); });
        FAIL() << "started with missing TLS files";
    } catch (std::runtime_error const& e) {
        EXPECT_NE(std::string(e.what()).find("websocket.tls.certificate"), std::string::npos) << e.what();
    }
    EXPECT_EQ(plugin.port(), 0);
}

TEST(websocket_server, a_client_that_does_not_read_is_dropped_and_memory_stays_bounded)
{
    running_plugin p;
    std::vector<pico::sdk::torrent_snapshot> many;
    for (int i = 0; i < 1000; ++i)
        many.push_back(make_snapshot(std::string(40, static_cast<char>('a' + i % 6)), std::string(300, 'n')));
    pico::sdk::torrents_updated_event big;
    big.torrents = many;

    raw_client slow(p.port(), 4096);
    slow.send_upgrade("/?token=" + fixed_token, "127.0.0.1:" + std::to_string(p.port()), "");
    ASSERT_EQ(slow.read_response().status, 101);
    ws_client reader;
    ASSERT_TRUE(reader.open(p.url()));
    ASSERT_EQ(receive_welcome(reader)["type"], "pico_state");
    // Both are live once the reader's pico_state arrived and the slow one's was queued.
    for (int i = 0; i < 200 && p.plugin().stats().open < 2; ++i)
        std::this_thread::sleep_for(10ms);

    long const rss_before = rss_bytes();
    // Up to ~33 MB per client: far past the 4 MiB bound plus socket buffers. The reader keeps
    // up throughout; the slow client is dropped on the way.
    int const rounds = 60;
    long rss_peak = rss_before;
    for (int i = 0; i < rounds && p.plugin().stats().dropped == 0; ++i) {
        p.host().fire(big);
        auto m = reader.receive();
        ASSERT_TRUE(m) << "round " << i;
        EXPECT_EQ(json::parse(*m)["type"], "torrent_updated");
        rss_peak = std::max(rss_peak, rss_bytes());
    }
    EXPECT_TRUE(p.host().wait_for_log("dropped client", 10s));
    EXPECT_EQ(p.plugin().stats().dropped, 1u);
    // Bounded: one client's queue (4 MiB plus one message) and transient copies, not 27 MB.
    if (rss_is_meaningful) {
        EXPECT_LT(rss_peak - rss_before, 24L * 1024 * 1024) << "peak growth " << (rss_peak - rss_before);
    }

    bool closed = false;
    slow.read_until_closed(20s, &closed);
    EXPECT_TRUE(closed) << "the server must close the slow client's socket";
    EXPECT_EQ(p.host().off_thread_calls(), 0);
}

TEST(websocket_server, thousand_connect_cycles_leak_no_fds_or_memory)
{
    running_plugin p;
    p.host().set_torrents({make_snapshot(hash_a, "x")});
    auto cycle = [&] {
        ws_client c;
        ASSERT_TRUE(c.open(p.url()));
        ASSERT_EQ(receive_welcome(c)["type"], "pico_state");
        c.close();
    };
    for (int i = 0; i < 20; ++i)
        cycle();
    wait_all_closed(p);
    long const fds_before = open_fds();
    long const rss_before = rss_bytes();
    for (int i = 0; i < 1000; ++i) {
        cycle();
        if (::testing::Test::HasFatalFailure())
            return;
    }
    wait_all_closed(p);
    EXPECT_EQ(p.plugin().stats().open, 0u);
    EXPECT_EQ(p.plugin().stats().accepted, 1020u);
    EXPECT_EQ(open_fds(), fds_before);
    if (rss_is_meaningful) {
        EXPECT_LT(rss_bytes() - rss_before, 4L * 1024 * 1024) << "RSS grew by " << (rss_bytes() - rss_before);
    }
}

TEST(websocket_server, commands_and_error_replies)
{
    running_plugin p;
    ws_client c;
    ASSERT_TRUE(c.open(p.url()));
    ASSERT_EQ(receive_welcome(c)["type"], "pico_state");

    c.send(R"({"type":"add","id":1,"magnet":"magnet:?xt=urn:btih:)" + hash_a + R"(&dn=m"})");
    json added;
    json result;
    for (int i = 0; i < 2; ++i) {
        auto m = receive_json(c);
        (m["type"] == "result" ? result : added) = m;
    }
    EXPECT_EQ(
        result,
        json({{"type", "result"}, {"id", 1}, {"ok", true}, {"info_hash", hash_a}, {"duplicate", false}}));
    EXPECT_EQ(added["type"], "torrent_added");
    EXPECT_EQ(added["torrent"]["info_hash"], hash_a);

    c.send("{this is not json");
    EXPECT_EQ(receive_json(c), json({{"type", "error"}, {"id", nullptr}, {"message", "malformed JSON"}}));
    c.send(R"({"type":"launch","id":"x"})");
    auto const unknown = receive_json(c);
    EXPECT_EQ(unknown["type"], "error");
    EXPECT_EQ(unknown["id"], "x");

    // The connection goes on after errors.
    c.send(R"({"type":"pause","id":2,"info_hash":")" + hash_a + "\"}");
    EXPECT_EQ(receive_json(c), json({{"type", "result"}, {"id", 2}, {"ok", true}, {"info_hash", hash_a}}));
    c.send(R"({"type":"resume","id":3,"info_hash":")" + hash_b + "\"}");
    auto const missing = receive_json(c);
    EXPECT_EQ(missing["type"], "error");
    EXPECT_EQ(missing["id"], 3);
    c.send(R"({"type":"remove","id":4,"info_hash":")" + hash_a + R"(","delete_data":true})");
    json removed;
    for (int i = 0; i < 2; ++i) {
        auto m = receive_json(c);
        (m["type"] == "result" ? result : removed) = m;
    }
    EXPECT_EQ(result["id"], 4);
    EXPECT_EQ(removed, json({{"type", "torrent_removed"}, {"info_hash", hash_a}}));
    EXPECT_EQ(p.host().last_remove_mode(), pico::sdk::remove_mode::delete_data);
    EXPECT_EQ(p.host().off_thread_calls(), 0);
}

TEST(websocket_server, oversized_frames_close_that_client_only)
{
    running_plugin p;
    ws_client big;
    ASSERT_TRUE(big.open(p.url()));
    ASSERT_EQ(receive_welcome(big)["type"], "pico_state");
    big.send(std::string(2 * 1024 * 1024, ' '));
    EXPECT_TRUE(big.wait_closed());
    EXPECT_EQ(big.close_code(), 1009);

    ws_client next;
    ASSERT_TRUE(next.open(p.url()));
    EXPECT_EQ(receive_welcome(next)["type"], "pico_state");
    next.send(std::string(512 * 1024, ' ')); // under the limit: parsed, answered with an error
    EXPECT_EQ(receive_json(next)["message"], "malformed JSON");
}

TEST(websocket_server, stop_closes_clients_with_going_away)
{
    running_plugin p;
    ws_client a;
    ws_client b;
    ASSERT_TRUE(a.open(p.url()));
    ASSERT_TRUE(b.open(p.url()));
    auto const started = std::chrono::steady_clock::now();
    p.stop();
    EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
    EXPECT_TRUE(a.wait_closed());
    EXPECT_TRUE(b.wait_closed());
    EXPECT_EQ(a.close_code(), 1001);
    EXPECT_THROW({ raw_client after(p.port()); }, std::runtime_error);
}

TEST(websocket_server, port_in_use_refuses_to_start)
{
    running_plugin first;
    test_host host(json{{"enabled", true}, {"listen_port", first.port()}, {"token", fixed_token}}.dump());
    websocket_plugin second;
    EXPECT_THROW(host.call([&] { second.start(host); }), std::runtime_error);
}
