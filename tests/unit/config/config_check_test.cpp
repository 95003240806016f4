// Unknown keys (typos) are reported with file:line:column and a suggestion, never dropped silently.
#include "config/config_check.hpp"
#include "config_test_support.hpp"

#include <gtest/gtest.h>

namespace pico::config {
namespace {

std::vector<std::string> unknown_keys_of(test::temp_dir const& dir, std::string const& text)
{
    auto const file = dir / "PicoTorrent.json";
    test::write_text(file, text);
    return check_config(config_store::load(file)).unknown_keys;
}

TEST(config_check, misspelt_section_and_key_are_named_with_their_position)
{
    test::temp_dir dir;
    auto const file = (dir / "PicoTorrent.json").string();
    auto const unknown = unknown_keys_of(dir, "{\n  \"sesion\": {\"enable_dht\": false},\n"
                                              "  \"session\": {\n    \"enable_dth\": false\n  }\n}\n");
    ASSERT_EQ(unknown.size(), 2U);
    EXPECT_EQ(unknown[0], file + ":2:3: unknown key 'sesion' (did you mean 'session'?)");
    EXPECT_EQ(unknown[1],
              file + ":4:5: unknown key 'session.enable_dth' (did you mean 'session.enable_dht'?)");
}

TEST(config_check, known_keys_and_comments_pass)
{
    test::temp_dir dir;
    EXPECT_TRUE(unknown_keys_of(dir,
                                "// mine\n{\"session\": {\"enable_dht\": false, \"download_rate_limit\": 0},"
                                " \"save_path\": \"/d\", \"file_filters\": [{\"name\": \"a\", \"pattern\": "
                                "\"b\"}], \"websocket\": {\"tls\": {\"certificate\": \"c\"}}}")
                    .empty());
    EXPECT_TRUE(unknown_keys_of(dir, "").empty());
}

TEST(config_check, unknown_keys_inside_arrays_and_nested_sections)
{
    test::temp_dir dir;
    auto const file = (dir / "PicoTorrent.json").string();
    auto const unknown = unknown_keys_of(
        dir,
        R"({"file_filters": [{"name": "a", "pattern": "b"}, {"nmae": "c", "name": "d", "pattern": "e"}],)"
        R"( "websocket": {"tls": {"private_kye": "k"}}, "zzzzzz": 1})");
    ASSERT_EQ(unknown.size(), 3U);
    EXPECT_EQ(unknown[0],
              file + ":1:51: unknown key 'file_filters[1].nmae' (did you mean 'file_filters[1].name'?)");
    EXPECT_EQ(unknown[1], file + ":1:117: unknown key 'websocket.tls.private_kye' (did you mean "
                                 "'websocket.tls.private_key'?)");
    EXPECT_EQ(unknown[2], file + ":1:139: unknown key 'zzzzzz'");
}

TEST(config_check, an_echoed_key_is_escaped_and_cut_short)
{
    test::temp_dir dir;
    auto const unknown =
        unknown_keys_of(dir, "{\"a\\u001b[2J\\n\": 1, \"" + std::string(100000, 'k') + "\": 2}");
    ASSERT_EQ(unknown.size(), 2U);
    for (auto const& line : unknown) {
        EXPECT_EQ(line.find('\x1b'), std::string::npos) << line;
        EXPECT_EQ(line.find('\n'), std::string::npos) << line;
        EXPECT_LT(line.size(), 400U);
    }
}

TEST(config_check, closest_key_allows_two_edits_and_counts_a_swap_as_one)
{
    EXPECT_EQ(closest_key("enable_dth", {"enable_dht", "enable_lsd"}), "enable_dht");
    EXPECT_EQ(closest_key("sesion", {"session", "save_path"}), "session");
    EXPECT_EQ(closest_key("completely_else", {"session"}), "");
}

} // namespace
} // namespace pico::config
