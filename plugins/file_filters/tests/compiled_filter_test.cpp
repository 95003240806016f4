#include "compiled_filter.hpp"
#include "filter_config.hpp"

#include <chrono>
#include <gtest/gtest.h>

namespace ff = pico::file_filters;

TEST(compiled_filter, matches_the_whole_path_with_ecmascript_syntax)
{
    ff::compiled_filter iso("filter 'ISO'", R"(.*\.iso$)");
    ASSERT_TRUE(iso.valid()) << iso.error();
    EXPECT_TRUE(iso.match("Linux/debian-12.iso").matched);
    EXPECT_FALSE(iso.match("Linux/debian-12.iso.md5").matched);

    // regex_match, not regex_search: a pattern matching part of the path is not enough.
    ff::compiled_filter part("filter 'part'", "iso");
    EXPECT_FALSE(part.match("Linux/debian-12.iso").matched);

    ff::compiled_filter digits("filter 'digits'", R"(disc\d+/.*)");
    EXPECT_TRUE(digits.match("disc12/track.flac").matched);
    EXPECT_FALSE(digits.match("discA/track.flac").matched);
}

TEST(compiled_filter, invalid_pattern_names_the_filter_and_the_position)
{
    ff::compiled_filter broken("filter 'Broken'", "(abc");
    EXPECT_FALSE(broken.valid());
    EXPECT_NE(broken.error().find("filter 'Broken'"), std::string::npos) << broken.error();
    EXPECT_NE(broken.error().find("at position 4"), std::string::npos) << broken.error();
    EXPECT_NE(broken.error().find("parenthesis"), std::string::npos) << broken.error();

    ff::compiled_filter repeat("--include", "*.iso");
    EXPECT_NE(repeat.error().find("--include: invalid regular expression \"*.iso\" at position 0"),
              std::string::npos)
        << repeat.error();

    auto m = broken.match("anything");
    EXPECT_FALSE(m.matched);
    EXPECT_EQ(m.error, broken.error());
}

TEST(compiled_filter, hostile_pattern_on_a_long_path_is_an_error_not_a_hang)
{
    for (auto const* pattern : {"(a+)+$", "(a|aa)+$", "(.*a){20}"}) {
        ff::compiled_filter hostile("filter 'hostile'", pattern);
        ASSERT_TRUE(hostile.valid()) << hostile.error();
        auto const path = std::string(10'000, 'a') + "!";
        auto const started = std::chrono::steady_clock::now();
        auto const m = hostile.match(path);
        // Only a safety net: the assertions below are the test.
        EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5)) << pattern;
        EXPECT_FALSE(m.matched) << pattern;
        EXPECT_NE(m.error.find("filter 'hostile': pattern"), std::string::npos) << m.error;
        EXPECT_NE(m.error.find("too complex"), std::string::npos) << m.error;
        // The path is shortened in the message, never dumped whole.
        EXPECT_LT(m.error.size(), 400u) << m.error;
    }
}

TEST(compiled_filter, very_long_paths_still_match_simple_patterns)
{
    ff::compiled_filter iso("filter 'ISO'", R"(.*\.iso$)");
    auto const m = iso.match(std::string(100'000, 'x') + ".iso");
    EXPECT_TRUE(m.error.empty()) << m.error;
    EXPECT_TRUE(m.matched);
}

TEST(filter_config, reads_name_pattern_and_apply)
{
    auto const filters = ff::parse_filters(R"([
        {"name": "Everything", "pattern": ".*"},
        {"name": "ISO", "pattern": ".*\\.iso$", "apply": "include"},
        {"name": "Samples", "pattern": ".*sample.*", "apply": "exclude"}
    ])");
    ASSERT_EQ(filters.size(), 3u);
    EXPECT_EQ(filters[0].name, "Everything");
    EXPECT_EQ(filters[0].pattern, ".*");
    EXPECT_EQ(filters[0].apply, ff::apply_mode::on_request);
    EXPECT_EQ(filters[1].pattern, R"(.*\.iso$)");
    EXPECT_EQ(filters[1].apply, ff::apply_mode::include);
    EXPECT_EQ(filters[2].apply, ff::apply_mode::exclude);
    EXPECT_TRUE(ff::parse_filters("null").empty());
    EXPECT_TRUE(ff::parse_filters("[]").empty());
}

TEST(filter_config, each_mistake_names_its_key)
{
    auto error_of = [](std::string const& json) -> std::string {
        try {
            ff::parse_filters(json);
        } catch (ff::config_error const& e) {
            return e.what();
        }
        return "no error";
    };
    EXPECT_EQ(error_of(R"({"name": "x"})").rfind("file_filters: expected an array", 0), 0u);
    EXPECT_EQ(error_of(R"([42])").rfind("file_filters[0]: expected an object", 0), 0u);
    EXPECT_EQ(error_of(R"([{"pattern": ".*"}])"), "file_filters[0].name: missing");
    EXPECT_EQ(error_of(R"([{"name": "", "pattern": ".*"}])"), "file_filters[0].name: must not be empty");
    EXPECT_EQ(error_of(R"([{"name": "a", "pattern": 3}])"),
              "file_filters[0].pattern: expected a string, got number");
    EXPECT_EQ(error_of(R"([{"name": "a", "pattern": ".*", "apply": "all"}])"),
              R"(file_filters[0].apply: expected "include" or "exclude", got "all")");
    EXPECT_EQ(error_of(R"([{"name": "a", "pattern": ".*"}, {"name": "a", "pattern": "b"}])"),
              "file_filters[1].name: duplicate filter name 'a'");
    EXPECT_EQ(error_of(R"([{"name": "a", "pattern": ".*", "aply": "include"}])")
                  .rfind("file_filters[0].aply: unknown key", 0),
              0u);
    EXPECT_EQ(error_of("[{").rfind("file_filters: not valid JSON", 0), 0u);
}
