// Settings, access policy, base64 and messages: the plugin's logic without sockets (commands:
// commands_test.cpp).
#include "access_policy.hpp"
#include "base64.hpp"
#include "commands.hpp"
#include "messages.hpp"
#include "remote_settings.hpp"
#include "request_types.hpp"
#include "settings.hpp"
#include "test_host.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace pico::websocket;
using pico::websocket::testing::make_snapshot;
using pico::websocket::testing::test_host;
using json = nlohmann::json;

TEST(websocket_settings, defaults_are_off_loopback_and_port_7676)
{
    auto const s = parse_settings(json(nullptr));
    EXPECT_FALSE(s.enabled);
    EXPECT_EQ(s.listen_port, 7676);
    EXPECT_EQ(s.listen_address, "127.0.0.1");
    EXPECT_TRUE(s.token.empty());
    EXPECT_TRUE(s.allowed_origins.empty());
    EXPECT_TRUE(s.tls.certificate.empty());
}

TEST(websocket_settings, reads_every_key)
{
    auto const s = parse_settings(json::parse(R"({"enabled":true,"listen_port":9000,"listen_address":"::1",
        "token":"abc","allowed_origins":["http://a"],"allowed_hosts":["box:9000"],
        "tls":{"certificate":"c.pem","private_key":"k.pem"}})"));
    EXPECT_TRUE(s.enabled);
    EXPECT_EQ(s.listen_port, 9000);
    EXPECT_EQ(s.listen_address, "::1");
    EXPECT_EQ(s.token, "abc");
    EXPECT_EQ(s.allowed_origins, std::vector<std::string>{"http://a"});
    EXPECT_EQ(s.allowed_hosts, std::vector<std::string>{"box:9000"});
    EXPECT_EQ(s.tls.certificate, "c.pem");
    EXPECT_EQ(s.tls.private_key, "k.pem");
}

TEST(websocket_settings, bad_values_name_the_key)
{
    auto message = [](char const* text) {
        try {
            parse_settings(json::parse(text));
        } catch (std::invalid_argument const& e) {
            return std::string(e.what());
        }
        return std::string("accepted");
    };
    EXPECT_NE(message(R"({"enabled":"yes"})").find("websocket.enabled"), std::string::npos);
    EXPECT_NE(message(R"({"listen_port":70000})").find("websocket.listen_port"), std::string::npos);
    EXPECT_NE(message(R"({"listen_port":"7676"})").find("websocket.listen_port"), std::string::npos);
    EXPECT_NE(message(R"({"allowed_origins":"http://a"})").find("websocket.allowed_origins"),
              std::string::npos);
    EXPECT_NE(message(R"({"tls":{"certificate":"c.pem"}})").find("websocket.tls"), std::string::npos);
    EXPECT_NE(message(R"({"token":5})").find("websocket.token"), std::string::npos);
}

TEST(websocket_settings, generated_tokens_are_64_hex_and_differ)
{
    auto const a = generate_token();
    auto const b = generate_token();
    EXPECT_EQ(a.size(), 64u);
    EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
    EXPECT_NE(a, b);
}

namespace {

access_policy loopback_policy()
{
    return access_policy("s3cret-token-123", {"http://localhost:8080"},
                         default_allowed_hosts("127.0.0.1", 7676));
}

handshake_request request(std::string resource, std::string host = "127.0.0.1:7676", std::string origin = "")
{
    return {std::move(resource), std::move(host), std::move(origin), {}};
}

} // namespace

TEST(websocket_access, token_in_query_or_subprotocol)
{
    auto const p = loopback_policy();
    EXPECT_EQ(p.check(request("/?token=s3cret-token-123")).refuse_status, 0);
    EXPECT_EQ(p.check(request("/?a=1&token=s3cret%2Dtoken-123")).refuse_status, 0);
    EXPECT_EQ(p.check(request("/")).refuse_status, 401);
    EXPECT_EQ(p.check(request("/?token=")).refuse_status, 401);
    EXPECT_EQ(p.check(request("/?token=s3cret-token-124")).refuse_status, 401);
    EXPECT_EQ(p.check(request("/?tokens3cret-token-123")).refuse_status, 401);

    auto r = request("/");
    r.subprotocols = {"pico.v1", "token.s3cret-token-123"};
    auto const d = p.check(r);
    EXPECT_EQ(d.refuse_status, 0);
    EXPECT_TRUE(d.select_subprotocol);
    r.subprotocols = {"pico.v1", "token.wrong"};
    EXPECT_EQ(p.check(r).refuse_status, 401);
    EXPECT_EQ(p.check(r).reason.find("s3cret"), std::string::npos);
}

TEST(websocket_access, host_allow_list_blocks_dns_rebinding)
{
    auto const p = loopback_policy();
    for (char const* ok : {"127.0.0.1:7676", "localhost:7676", "LOCALHOST:7676", "[::1]:7676"})
        EXPECT_EQ(p.check(request("/?token=s3cret-token-123", ok)).refuse_status, 0) << ok;
    for (char const* bad :
         {"evil.example:7676", "127.0.0.1:80", "localhost", "", "127.0.0.1.evil.example:7676"})
        EXPECT_EQ(p.check(request("/?token=s3cret-token-123", bad)).refuse_status, 403) << bad;

    access_policy named("t", {}, {"mybox.lan", "other:1"});
    EXPECT_TRUE(named.host_allowed("mybox.lan:7676"));
    EXPECT_TRUE(named.host_allowed("mybox.lan"));
    EXPECT_TRUE(named.host_allowed("other:1"));
    EXPECT_FALSE(named.host_allowed("other:2"));
}

TEST(websocket_access, origin_allow_list)
{
    auto const p = loopback_policy();
    EXPECT_EQ(p.check(request("/?token=s3cret-token-123", "127.0.0.1:7676", "")).refuse_status, 0);
    EXPECT_EQ(
        p.check(request("/?token=s3cret-token-123", "127.0.0.1:7676", "http://localhost:8080")).refuse_status,
        0);
    EXPECT_EQ(p.check(request("/?token=s3cret-token-123", "127.0.0.1:7676", "HTTP://LOCALHOST:8080/"))
                  .refuse_status,
              0);
    EXPECT_EQ(
        p.check(request("/?token=s3cret-token-123", "127.0.0.1:7676", "http://evil.example")).refuse_status,
        403);
    EXPECT_EQ(p.check(request("/?token=s3cret-token-123", "127.0.0.1:7676", "null")).refuse_status, 403);
    // A foreign origin is refused even without a token: 403, not 401.
    EXPECT_EQ(p.check(request("/", "127.0.0.1:7676", "http://evil.example")).refuse_status, 403);
}

TEST(websocket_access, default_hosts_include_the_listen_address)
{
    auto const hosts = default_allowed_hosts("::1", 9);
    EXPECT_NE(std::find(hosts.begin(), hosts.end(), "[::1]:9"), hosts.end());
    auto const v4 = default_allowed_hosts("192.168.1.5", 7676);
    EXPECT_NE(std::find(v4.begin(), v4.end(), "192.168.1.5:7676"), v4.end());
    EXPECT_NE(std::find(v4.begin(), v4.end(), "localhost:7676"), v4.end());
}

TEST(websocket_base64, round_trips_and_rejects_garbage)
{
    for (std::string const& s :
         std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10 d8:announce", 16)})
        EXPECT_EQ(base64_decode(base64_encode(s)), s);
    EXPECT_EQ(base64_decode("aGVsbG8="), "hello");
    EXPECT_EQ(base64_decode("aGVsbG8"), "hello");
    EXPECT_FALSE(base64_decode("aGVsbG8=="));
    EXPECT_FALSE(base64_decode("aGV sbG8="));
    EXPECT_FALSE(base64_decode("a"));
    EXPECT_FALSE(base64_decode("aGVsbG9="));
    EXPECT_FALSE(base64_decode("!!!!"));
}

TEST(websocket_messages, torrent_object_keeps_the_reference_fields_first_then_the_additions)
{
    auto t = make_snapshot("0123456789abcdef0123456789abcdef01234567", "name");
    t.status = pico::sdk::status_code::uploading_stalled;
    t.save_path = "/downloads";
    t.ratio = 1.5;
    t.added_time = 1700000000;
    t.error = "disk full";
    t.all_time_download = 1000;
    t.all_time_upload = 1500;
    auto const o = nlohmann::ordered_json::parse(to_wire(torrent_object(t)));
    std::vector<std::string> keys;
    for (auto const& [k, v] : o.items())
        keys.push_back(k);
    // The reference's thirteen fields, in the reference's order, then the additions.
    std::vector<std::string> const expected{"info_hash",
                                            "name",
                                            "queue_position",
                                            "size",
                                            "progress",
                                            "status",
                                            "eta",
                                            "dl_rate",
                                            "ul_rate",
                                            "seeds_connected",
                                            "seeds_total",
                                            "nonseeds_connected",
                                            "nonseeds_total",
                                            "save_path",
                                            "ratio",
                                            "added_time",
                                            "error",
                                            "total_downloaded",
                                            "total_uploaded"};
    EXPECT_EQ(keys, expected);
    EXPECT_EQ(o["save_path"], "/downloads");
    EXPECT_DOUBLE_EQ(o["ratio"].get<double>(), 1.5);
    EXPECT_EQ(o["added_time"], 1700000000);
    EXPECT_EQ(o["error"], "disk full");
    EXPECT_EQ(o["total_downloaded"], 1000);
    EXPECT_EQ(o["total_uploaded"], 1500);
    EXPECT_EQ(o["info_hash"], t.info_hash);
    EXPECT_EQ(o["name"], "name");
    EXPECT_EQ(o["queue_position"], 3);
    EXPECT_EQ(o["size"], 123456789012);
    EXPECT_TRUE(o["progress"].is_number_float());
    EXPECT_DOUBLE_EQ(o["progress"].get<double>(), 0.25);
    EXPECT_EQ(o["status"], 15);
    EXPECT_EQ(o["eta"], 321);
    EXPECT_EQ(o["dl_rate"], 4096);
    EXPECT_EQ(o["ul_rate"], 1024);
    EXPECT_EQ(o["seeds_connected"], 2);
    EXPECT_EQ(o["seeds_total"], 12);
    EXPECT_EQ(o["nonseeds_connected"], 4);
    EXPECT_EQ(o["nonseeds_total"], 54);
}

TEST(websocket_messages, envelopes_match_the_reference)
{
    auto const t = make_snapshot("aa", "n");
    auto const state = json::parse(pico_state_message({t, t}));
    EXPECT_EQ(state["type"], "pico_state");
    EXPECT_EQ(state["version_info"]["api_version"], 1);
    EXPECT_EQ(state["torrents"].size(), 2u);
    EXPECT_EQ(json::parse(pico_state_message({}))["torrents"], json::array());
    EXPECT_EQ(json::parse(torrent_added_message(t))["type"], "torrent_added");
    EXPECT_EQ(json::parse(torrent_added_message(t))["torrent"]["info_hash"], "aa");
    EXPECT_EQ(json::parse(torrent_finished_message(t))["type"], "torrent_finished");
    auto const removed = json::parse(torrent_removed_message("bb"));
    EXPECT_EQ(removed, json({{"type", "torrent_removed"}, {"info_hash", "bb"}}));
    auto const updated = json::parse(torrent_updated_message({t}));
    EXPECT_EQ(updated["type"], "torrent_updated");
    EXPECT_EQ(updated["torrents"].size(), 1u);
}

TEST(websocket_messages, invalid_utf8_names_do_not_throw)
{
    auto t = make_snapshot("aa", std::string("bad \xff\xfe name"));
    std::string text;
    EXPECT_NO_THROW(text = torrent_added_message(t));
    EXPECT_TRUE(json::accept(text));
}
