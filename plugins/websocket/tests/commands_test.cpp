// The WebSocket commands: parsing, error replies, running them against a host, and the settings view.
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
