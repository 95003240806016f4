// Inputs a hostile client or configuration sends (issue 9): each test here failed before its fix.
#include "commands.hpp"
#include "save_path_policy.hpp"
#include "test_host.hpp"
#include "websocket_plugin.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>
#include <unistd.h>

using namespace pico::websocket;
using pico::websocket::testing::test_host;
using json = nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string const deep_array = std::string(100000, '[') + std::string(100000, ']');

struct scratch_dir {
    scratch_dir()
    {
        std::string pattern = (fs::temp_directory_path() / "pico-ws-hostile-XXXXXX").string();
        path = fs::path(mkdtemp(pattern.data()));
    }
    ~scratch_dir()
    {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path path;
};

} // namespace

// Used to kill the host: `cmd.id = *it` copied the 100,000-deep id recursively (SIGSEGV).
TEST(websocket_hostile, an_id_nested_100000_deep_is_an_error_reply_not_a_crash)
{
    auto const parsed = parse_command(R"({"type":"pause","id":)" + deep_array + "}");
    ASSERT_FALSE(parsed.cmd);
    EXPECT_EQ(json::parse(parsed.error_reply)["type"], "error");
}

TEST(websocket_hostile, any_value_nested_deeper_than_the_limit_is_refused)
{
    auto const parsed = parse_command(R"({"type":"pause","x":)" + deep_array + "}");
    ASSERT_FALSE(parsed.cmd);
    EXPECT_NE(parsed.error_reply.find("nested deeper"), std::string::npos) << parsed.error_reply;
    // Shallow commands still work.
    EXPECT_TRUE(parse_command(R"({"type":"pause","id":1,"info_hash":")" + std::string(40, 'a') + "\"}").cmd);
}

TEST(websocket_hostile, ids_are_scalars)
{
    for (char const* id : {R"({"n":7})", "[1]"}) {
        auto const parsed = parse_command(std::string(R"({"type":"pause","info_hash":")") +
                                          std::string(40, 'a') + R"(","id":)" + id + "}");
        ASSERT_FALSE(parsed.cmd) << id;
        auto const reply = json::parse(parsed.error_reply);
        EXPECT_TRUE(reply["id"].is_null());
        EXPECT_NE(reply["message"].get<std::string>().find("\"id\""), std::string::npos);
    }
    for (char const* id : {"\"a\"", "7", "1.5", "true", "null"}) {
        EXPECT_TRUE(parse_command(std::string(R"({"type":"pause","info_hash":")") + std::string(40, 'a') +
                                  R"(","id":)" + id + "}")
                        .cmd)
            << id;
    }
}

TEST(websocket_hostile, save_paths_must_be_absolute_and_under_a_root)
{
    scratch_dir tmp;
    auto const root = tmp.path / "downloads";
    fs::create_directories(root / "sub");
    fs::create_directories(tmp.path / "elsewhere");
    // A symlink inside the root that points out of it.
    fs::create_directory_symlink(tmp.path / "elsewhere", root / "escape");
    std::vector<std::string> const roots{root.string()};

    EXPECT_TRUE(confine_save_path((root / "sub").string(), roots).ok);
    EXPECT_TRUE(confine_save_path((root / "new" / "deeper").string(), roots).ok); // need not exist yet
    EXPECT_TRUE(confine_save_path(root.string() + "/", roots).ok);
    auto const inside = confine_save_path((root / "sub" / ".." / "sub").string(), roots);
    ASSERT_TRUE(inside.ok);
    EXPECT_EQ(fs::path(inside.path), fs::weakly_canonical(root / "sub"));

    EXPECT_NE(confine_save_path("relative/dir", roots).error.find("absolute"), std::string::npos);
    EXPECT_FALSE(confine_save_path((root / ".." / ".." / ".." / "etc").string(), roots).ok);
    EXPECT_FALSE(confine_save_path((root / "sub" / ".." / ".." / "elsewhere").string(), roots).ok);
    EXPECT_FALSE(confine_save_path((root / "escape").string(), roots).ok);
    EXPECT_FALSE(confine_save_path((root / "escape" / "x").string(), roots).ok);
    // "/x/downloads-evil" is not under "/x/downloads".
    EXPECT_FALSE(confine_save_path(root.string() + "-evil", roots).ok);
    EXPECT_NE(confine_save_path((root / "sub").string(), {""}).error.find("no save root"), std::string::npos);
}

TEST(websocket_hostile, add_with_a_save_path_outside_the_roots_is_refused)
{
    scratch_dir tmp;
    test_host host("null");
    std::string const magnet = "magnet:?xt=urn:btih:" + std::string(40, 'c');
    auto run = [&](std::string const& save_path) {
        auto parsed = parse_command(
            json{{"type", "add"}, {"id", 1}, {"magnet", magnet}, {"save_path", save_path}}.dump());
        EXPECT_TRUE(parsed.cmd) << parsed.error_reply;
        std::vector<std::string> const roots{tmp.path.string()};
        return json::parse(host.call([&] { return run_command(request_context{host, roots}, *parsed.cmd); }));
    };
    EXPECT_EQ(run("../../../../tmp")["type"], "error");
    EXPECT_EQ(run((tmp.path / ".." / "x").string())["type"], "error");
    auto const ok = run((tmp.path / "in").string());
    EXPECT_EQ(ok["type"], "result") << ok.dump();
    EXPECT_EQ(fs::path(host.last_add().save_path), fs::weakly_canonical(tmp.path / "in"));
}

TEST(websocket_hostile, a_token_under_16_characters_refuses_the_plugin)
{
    test_host host(json{{"enabled", true}, {"listen_port", 0}, {"token", "abc"}}.dump());
    websocket_plugin plugin;
    try {
        host.call([&] {
            plugin.start(host);
            return 0;
        });
        ADD_FAILURE() << "a 3-character token was accepted";
    } catch (std::invalid_argument const& e) {
        EXPECT_NE(std::string(e.what()).find("at least 16"), std::string::npos) << e.what();
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
    }
    plugin.stop();
}

TEST(websocket_hostile, allowed_save_roots_must_be_absolute)
{
    test_host host(json{{"enabled", true}, {"listen_port", 0}, {"allowed_save_roots", {"rel"}}}.dump());
    websocket_plugin plugin;
    EXPECT_THROW(host.call([&] {
        plugin.start(host);
        return 0;
    }),
                 std::invalid_argument);
    plugin.stop();
}
