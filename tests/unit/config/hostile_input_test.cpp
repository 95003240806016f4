// Configuration text nobody would write by hand (found by mutation fuzzing): each gives one
// printable config_error line with file:line:column, never a crash or the library's raw text.
#include "config/config_error.hpp"
#include "config/config_store.hpp"
#include "config/json_text.hpp"
#include "config_test_support.hpp"
#include "json_error_for.hpp"

#include <gtest/gtest.h>
#include <string>

namespace pico::config {
namespace {

using test::error_for;

std::string nested(std::size_t depth)
{
    return "{\"x\": " + std::string(depth, '[') + std::string(depth, ']') + "}";
}

TEST(config_hostile_input, deep_nesting_is_refused_where_it_gets_too_deep)
{
    // 58,500 levels killed `config show` (nlohmann copies recursively).
    EXPECT_EQ(error_for(nested(58500)), "F:1:70: nested deeper than 64 levels");
    EXPECT_EQ(error_for(nested(63)), "(parsed)");
    // Brackets inside strings and comments do not count.
    EXPECT_EQ(error_for("{\"x\": \"" + std::string(100, '[') + "\" // " + std::string(100, '{') + "\n}"),
              "(parsed)");
}

TEST(config_hostile_input, deep_nesting_in_a_file_is_one_line)
{
    test::temp_dir dir;
    auto const file = dir / "deep.json";
    test::write_text(file, nested(58500));
    try {
        (void)config_store::load(file);
        FAIL() << "loaded";
    } catch (config_error const& e) {
        EXPECT_EQ(std::string(e.what()), file.string() + ":1:70: nested deeper than 64 levels");
    }
}

TEST(config_hostile_input, number_overflow_names_its_position)
{
    EXPECT_EQ(error_for("{\n  \"x\": 1e999\n}"), "F:2:8: number out of range");
    EXPECT_EQ(error_for("{\"a\": \"1e999\", \"b\": [1, -1e400]}"), "F:1:25: number out of range");
}

TEST(config_hostile_input, nul_inside_a_line_comment_is_still_comment)
{
    auto const j = parse_json_with_comments(std::string("{ // a \0 b c\n \"a\": 1 }", 22), "F");
    EXPECT_EQ(j.at("a"), 1);
    // Outside a comment it is an error, and it is echoed escaped.
    auto const err = error_for(std::string("{\"a\": \"x\0\"}", 11));
    EXPECT_EQ(err.find('\0'), std::string::npos);
    EXPECT_EQ(err.rfind("F:1:", 0), 0U) << err;
}

TEST(config_hostile_input, control_characters_are_not_echoed_raw)
{
    test::temp_dir dir;
    auto const file = dir / "ctl.json";
    test::write_text(file, "{\"session\": {\"listen_interfaces\": \"a\\nb\\u001b[2J:x\"}}");
    try {
        (void)config_store::load(file);
        FAIL() << "loaded";
    } catch (config_error const& e) {
        std::string const what = e.what();
        EXPECT_EQ(what.find('\n'), std::string::npos) << what;
        EXPECT_EQ(what.find('\x1b'), std::string::npos) << what;
        EXPECT_NE(what.find("\"a\\nb\\e[2J:x\" is not HOST:PORT"), std::string::npos) << what;
    }
}

TEST(config_hostile_input, an_explicit_file_that_does_not_exist_is_an_error)
{
    test::temp_dir dir;
    auto const file = dir / "missing.json";
    EXPECT_NO_THROW((void)config_store::load(file));
    try {
        (void)config_store::load(file, missing_file::is_error);
        FAIL() << "loaded";
    } catch (config_error const& e) {
        EXPECT_EQ(std::string(e.what()), file.string() + ": no such file");
    }
}

TEST(config_hostile_input, an_endless_file_is_refused_after_a_bounded_read)
{
    try {
        (void)config_store::load("/dev/zero");
        FAIL() << "loaded";
    } catch (config_error const& e) {
        EXPECT_EQ(std::string(e.what()), "/dev/zero: larger than 4 MiB; this is not a configuration file");
    }
}

} // namespace
} // namespace pico::config
