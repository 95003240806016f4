// The server under abuse and at its limits: clients that do not read, connect storms, oversized
// frames, commands and error replies, stop, and a port already in use.
#include "server_test_support.hpp"

using namespace pico::websocket;
using namespace pico::websocket::testing;
using namespace std::chrono_literals;
using json = nlohmann::json;

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
