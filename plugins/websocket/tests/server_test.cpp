// The plugin with real clients on loopback: our websocketpp client and raw sockets.
#include "server_test_support.hpp"

using namespace pico::websocket;
using namespace pico::websocket::testing;
using namespace std::chrono_literals;
using json = nlohmann::json;

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
