// Unknown keys (typos) are reported with file:line:column and a suggestion, never dropped silently.
#include "config/config_check.hpp"
#include "config_test_support.hpp"
#include "in_tree_schema.hpp"

#include <gtest/gtest.h>

namespace pico::config {
namespace {

std::vector<std::string> unknown_keys_of(test::temp_dir const& dir, std::string const& text)
{
    auto const file = dir / "PicoTorrent.json";
    test::write_text(file, text);
    return check_config(test::load_with_in_tree_plugins(file)).unknown_keys;
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
    ASSERT_EQ(unknown.size(), 2U);
    EXPECT_EQ(unknown[0],
              file + ":1:51: unknown key 'file_filters[1].nmae' (did you mean 'file_filters[1].name'?)");
    EXPECT_EQ(unknown[1], file + ":1:117: unknown key 'websocket.tls.private_kye' (did you mean "
                                 "'websocket.tls.private_key'?)");
}

// A top-level key that is no near typo belongs to a plugin that is not installed: kept as
// written, and said to be unchecked rather than wrong. A near typo is still a typo.
TEST(config_check, sections_of_plugins_not_installed_are_not_validated)
{
    test::temp_dir dir;
    auto const file = dir / "PicoTorrent.json";
    test::write_text(file, R"({"websocket": {"listen_port": "oops"}, "zzzzzz": 1, "sesion": {}})");
    auto const report = check_config(config_store::load(file)); // no plugin installed
    ASSERT_EQ(report.not_validated.size(), 2U);
    EXPECT_EQ(report.not_validated[0],
              file.string() + ":1:2: 'websocket' is not validated: no installed plugin declares it");
    EXPECT_EQ(report.not_validated[1],
              file.string() + ":1:40: 'zzzzzz' is not validated: no installed plugin declares it");
    ASSERT_EQ(report.unknown_keys.size(), 1U);
    EXPECT_EQ(report.unknown_keys[0],
              file.string() + ":1:53: unknown key 'sesion' (did you mean 'session'?)");
    // Once the plugin is installed, its keys are checked.
    EXPECT_THROW(test::load_with_in_tree_plugins(file), config_error);
}

TEST(config_check, an_echoed_key_is_escaped_and_cut_short)
{
    test::temp_dir dir;
    auto const keys = "{\"a\\u001b[2J\\n\": 1, \"" + std::string(100000, 'k') + "\": 2}";
    auto const unknown = unknown_keys_of(dir, "{\"session\": " + keys + "}");
    ASSERT_EQ(unknown.size(), 2U);
    // At the top level the same keys are reported as not validated, as carefully.
    auto const file = dir / "PicoTorrent.json";
    test::write_text(file, keys);
    auto lines = check_config(config_store::load(file)).not_validated;
    ASSERT_EQ(lines.size(), 2U);
    lines.insert(lines.end(), unknown.begin(), unknown.end());
    for (auto const& line : lines) {
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
