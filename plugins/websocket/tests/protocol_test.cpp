// Settings, access policy, base64, messages and commands: the plugin's logic without sockets.
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

namespace {

std::string parse_error(std::string const& text)
{
    auto const out = parse_command(text);
    if (out.cmd)
        return "parsed";
    auto const reply = json::parse(out.error_reply);
    EXPECT_EQ(reply["type"], "error");
    return reply["message"].get<std::string>();
}

} // namespace

TEST(websocket_commands, parse_valid_commands)
{
    auto add = parse_command(
        R"({"type":"add","id":1,"magnet":"magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567","save_path":"/d","paused":true})");
    ASSERT_TRUE(add.cmd);
    EXPECT_EQ(add.cmd->type->name, "add");
    EXPECT_EQ(add.cmd->id, 1);
    EXPECT_EQ(add.cmd->save_path, "/d");
    EXPECT_TRUE(add.cmd->paused);

    auto bytes = parse_command(R"({"type":"add","id":"x","torrent":")" + base64_encode("d4:infoe") + R"("})");
    ASSERT_TRUE(bytes.cmd);
    EXPECT_EQ(bytes.cmd->torrent_data, "d4:infoe");
    EXPECT_EQ(bytes.cmd->id, "x");

    auto remove = parse_command(
        R"({"type":"remove","id":3,"info_hash":"0123456789ABCDEF0123456789abcdef01234567","delete_data":true})");
    ASSERT_TRUE(remove.cmd);
    EXPECT_EQ(remove.cmd->info_hash, "0123456789abcdef0123456789abcdef01234567");
    EXPECT_TRUE(remove.cmd->delete_data);
    EXPECT_TRUE(parse_command(R"({"type":"pause","info_hash":")" + std::string(64, 'a') + "\"}").cmd);
}

TEST(websocket_commands, bad_commands_get_error_replies_with_the_id)
{
    EXPECT_EQ(parse_error("{not json"), "malformed JSON");
    EXPECT_EQ(parse_error("[1,2]"), "a command must be a JSON object");
    EXPECT_NE(parse_error(R"({"id":1})").find("type"), std::string::npos);
    EXPECT_NE(parse_error(R"({"type":"explode","id":1})").find("unknown command type 'explode'"),
              std::string::npos);
    EXPECT_NE(parse_error(R"({"type":"add","id":1})").find("magnet"), std::string::npos);
    EXPECT_NE(parse_error(R"({"type":"add","magnet":"http://x"})").find("magnet URI"), std::string::npos);
    EXPECT_NE(parse_error(R"({"type":"add","torrent":"%%%"})").find("base64"), std::string::npos);
    EXPECT_NE(parse_error(R"({"type":"pause","info_hash":"xyz"})").find("info_hash"), std::string::npos);
    EXPECT_NE(
        parse_error(R"({"type":"remove","info_hash":")" + std::string(40, 'a') + R"(","delete_data":"yes"})")
            .find("delete_data"),
        std::string::npos);
    auto const reply = json::parse(parse_command(R"({"type":"explode","id":"n7"})").error_reply);
    EXPECT_EQ(reply["id"], "n7");
}

TEST(websocket_commands, run_against_the_host)
{
    test_host host("null");
    std::string const hash(40, 'c');
    auto run = [&](std::string const& text) {
        auto parsed = parse_command(text);
        EXPECT_TRUE(parsed.cmd) << parsed.error_reply;
        return json::parse(host.call([&] { return run_command(request_context{host, {}}, *parsed.cmd); }));
    };
    auto added =
        run(R"({"type":"add","id":1,"magnet":"magnet:?xt=urn:btih:)" + hash + R"(&dn=x","paused":true})");
    EXPECT_EQ(added,
              json({{"type", "result"}, {"id", 1}, {"ok", true}, {"info_hash", hash}, {"duplicate", false}}));
    EXPECT_TRUE(host.last_add().paused);
    EXPECT_EQ(run(R"({"type":"add","id":2,"magnet":"magnet:?xt=urn:btih:)" + hash + R"("})")["duplicate"],
              true);
    EXPECT_EQ(run(R"({"type":"add","id":3,"magnet":"magnet:?xt=urn:btih:zz"})")["type"], "error");
    EXPECT_EQ(run(R"({"type":"pause","id":4,"info_hash":")" + hash + "\"}")["ok"], true);
    EXPECT_EQ(run(R"({"type":"resume","id":5,"info_hash":")" + hash + "\"}")["ok"], true);
    auto unknown = run(R"({"type":"resume","id":6,"info_hash":")" + std::string(40, 'd') + "\"}");
    EXPECT_EQ(unknown["type"], "error");
    EXPECT_EQ(unknown["id"], 6);
    EXPECT_EQ(run(R"({"type":"remove","id":7,"info_hash":")" + hash + R"(","delete_data":true})")["ok"],
              true);
    EXPECT_EQ(host.last_remove_mode(), pico::sdk::remove_mode::delete_data);
    EXPECT_EQ(host.off_thread_calls(), 0);
}

TEST(websocket_commands, every_request_type_is_announced_and_parses)
{
    std::string const h(40, 'a');
    std::vector<std::string> const expected{
        "add",         "pause",      "resume",     "remove",       "recheck",       "move_storage",
        "queue_up",    "queue_down", "queue_top",  "queue_bottom", "files",         "set_file_priorities",
        "peers",       "trackers",   "set_limits", "get_state",    "session_stats", "get_settings",
        "set_settings"};
    EXPECT_EQ(supported_requests(), expected);
    for (char const* type : {"pause", "resume", "recheck", "queue_up", "queue_down", "queue_top",
                             "queue_bottom", "files", "peers", "trackers"}) {
        auto const p = parse_command(json{{"type", type}, {"id", 1}, {"info_hash", h}}.dump());
        ASSERT_TRUE(p.cmd) << type << p.error_reply;
        EXPECT_EQ(p.cmd->type->name, type);
        EXPECT_NE(parse_error(json{{"type", type}, {"id", 1}}.dump()).find("info_hash"), std::string::npos)
            << type;
    }
    for (char const* type : {"get_state", "session_stats", "get_settings"})
        EXPECT_TRUE(parse_command(json{{"type", type}}.dump()).cmd) << type;

    auto const prio = parse_command(
        json{{"type", "set_file_priorities"}, {"info_hash", h}, {"priorities", {0, 4, 7}}}.dump());
    ASSERT_TRUE(prio.cmd);
    EXPECT_EQ(prio.cmd->priorities, (std::vector<std::uint8_t>{0, 4, 7}));
    auto const move =
        parse_command(json{{"type", "move_storage"}, {"info_hash", h}, {"save_path", "/d"}}.dump());
    ASSERT_TRUE(move.cmd);
    EXPECT_EQ(move.cmd->save_path, "/d");
    auto const global = parse_command(json{{"type", "set_limits"}, {"download", 1000}}.dump());
    ASSERT_TRUE(global.cmd);
    EXPECT_TRUE(global.cmd->info_hash.empty());
    EXPECT_EQ(global.cmd->download_limit, 1000);
    EXPECT_FALSE(global.cmd->upload_limit);
    auto const set =
        parse_command(json{{"type", "set_settings"}, {"settings", {{"session.active_seeds", 3}}}}.dump());
    ASSERT_TRUE(set.cmd);
    EXPECT_EQ(set.cmd->settings["session.active_seeds"], 3);
}

TEST(websocket_commands, new_request_fields_are_checked_before_the_host_sees_them)
{
    std::string const h(40, 'a');
    auto const error_of = [](json const& msg) { return parse_error(msg.dump()); };
    EXPECT_NE(error_of({{"type", "set_file_priorities"}, {"info_hash", h}}).find("priorities"),
              std::string::npos);
    EXPECT_NE(error_of({{"type", "set_file_priorities"}, {"info_hash", h}, {"priorities", {8}}})
                  .find("0 (skip) to 7"),
              std::string::npos);
    EXPECT_NE(
        error_of({{"type", "set_file_priorities"}, {"info_hash", h}, {"priorities", {-1}}}).find("0 (skip)"),
        std::string::npos);
    EXPECT_NE(
        error_of({{"type", "set_file_priorities"}, {"info_hash", h}, {"priorities", {"4"}}}).find("integers"),
        std::string::npos);
    EXPECT_NE(error_of({{"type", "move_storage"}, {"info_hash", h}}).find("save_path"), std::string::npos);
    EXPECT_NE(error_of({{"type", "set_limits"}}).find("needs"), std::string::npos);
    EXPECT_NE(error_of({{"type", "set_limits"}, {"download", -1}}).find("bytes per second"),
              std::string::npos);
    EXPECT_NE(error_of({{"type", "set_limits"}, {"upload", 1.5}}).find("bytes per second"),
              std::string::npos);
    // libtorrent keeps limits in an int: 2^31 would wrap to "unlimited".
    EXPECT_NE(error_of({{"type", "set_limits"}, {"upload", 2147483648LL}}).find("bytes per second"),
              std::string::npos);
    EXPECT_NE(error_of({{"type", "set_settings"}}).find("settings"), std::string::npos);
    EXPECT_NE(error_of({{"type", "set_settings"}, {"settings", json::object()}}).find("settings"),
              std::string::npos);
    // What a remote client must not change: where the host listens, the proxy, the server itself.
    for (char const* key : {"session.listen_interfaces", "websocket.token", "websocket.allowed_origins",
                            "proxy.force", "plugins", "update_url", "session", "session.", "session.a.b"})
        EXPECT_NE(
            error_of({{"type", "set_settings"}, {"settings", {{key, 1}}}}).find("cannot be changed remotely"),
            std::string::npos)
            << key;
    EXPECT_NE(error_of({{"type", "set_settings"}, {"settings", {{"session.active_seeds", {1, 2}}}}})
                  .find("must be"),
              std::string::npos);
}

TEST(websocket_settings_view, secrets_masked_and_the_websocket_section_never_listed)
{
    json const effective{{"save_path", "/d"},
                         {"session", {{"active_seeds", 5}, {"listen_interfaces", "127.0.0.1:6881"}}},
                         {"proxy", {{"type", "socks5"}, {"password", "hunter2"}}},
                         {"websocket", {{"token", "secret-token-value"}}}};
    auto const view = readable_settings(effective);
    EXPECT_EQ(view["save_path"], "/d");
    EXPECT_EQ(view["session.active_seeds"], 5);
    EXPECT_EQ(view["proxy.type"], "socks5");
    EXPECT_EQ(view["proxy.password"], masked_secret);
    EXPECT_EQ(view.dump().find("hunter2"), std::string::npos);
    EXPECT_EQ(view.dump().find("secret-token-value"), std::string::npos);
    EXPECT_EQ(writable_keys(view), (std::vector<std::string>{"save_path", "session.active_seeds"}));
    EXPECT_EQ(setting_at(effective, "session.active_seeds"), 5);
    EXPECT_TRUE(setting_at(effective, "session.nothing").is_null());
    EXPECT_TRUE(setting_at(effective, "save_path.x").is_null());
}

TEST(websocket_messages, hello_names_the_version_and_the_requests)
{
    auto const hello = json::parse(hello_message("0.1.0", {"add", "files"}));
    EXPECT_EQ(hello, json({{"type", "hello"},
                           {"app_version", "0.1.0"},
                           {"api_version", 1},
                           {"requests", {"add", "files"}}}));
}

TEST(websocket_messages, details_objects)
{
    pico::sdk::file_entry f;
    f.index = 0;
    f.path = "root/a";
    f.size = 200;
    f.priority = 7;
    pico::sdk::file_entry empty;
    empty.index = 1;
    empty.path = "root/empty";
    auto const files = json::parse(to_wire(file_array({f, empty}, {50, 0})));
    EXPECT_EQ(files[0],
              json({{"index", 0}, {"path", "root/a"}, {"size", 200}, {"progress", 0.25}, {"priority", 7}}));
    EXPECT_EQ(files[1]["progress"], 1.0) << "an empty file is complete";
    EXPECT_EQ(json::parse(to_wire(file_array({f}, {})))[0]["progress"], 0.0) << "no progress known yet";
    pico::sdk::session_statistics s;
    s.listen_endpoints = {"127.0.0.1:6881"};
    s.torrents_total = 3;
    auto const stats = json::parse(to_wire(stats_object(s, {100, 200})));
    EXPECT_EQ(stats["torrents"]["total"], 3);
    EXPECT_EQ(stats["listen_endpoints"], json({"127.0.0.1:6881"}));
    EXPECT_EQ(stats["download_rate_limit"], 100);
    EXPECT_EQ(stats["upload_rate_limit"], 200);
}
