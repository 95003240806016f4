#include "release.hpp"

#include <gtest/gtest.h>
#include <string>

namespace pico::updater {
namespace {

TEST(release, parses_a_github_latest_release_document)
{
    std::string const json = R"j({
        "url": "https://api.github.com/repos/picotorrent/picotorrent/releases/1",
        "html_url": "https://github.com/picotorrent/picotorrent/releases/tag/v0.25.0",
        "id": 1, "tag_name": "v0.25.0", "name": "PicoTorrent 0.25.0", "draft": false, "prerelease": false,
        "body": "## Changes\r\n- faster\r\n", "assets": [{"name": "x.msi", "browser_download_url": "https://x"}]
    })j";
    std::string error;
    auto r = parse_release(json, error);
    ASSERT_TRUE(r) << error;
    EXPECT_EQ(r->tag, "v0.25.0");
    EXPECT_EQ(to_string(r->version), "0.25.0");
    EXPECT_EQ(r->url, "https://github.com/picotorrent/picotorrent/releases/tag/v0.25.0");
    EXPECT_EQ(r->name, "PicoTorrent 0.25.0");
    EXPECT_EQ(r->notes, "## Changes\r\n- faster\r\n");
}

TEST(release, name_defaults_to_the_tag_and_notes_to_empty)
{
    std::string error;
    auto r = parse_release(R"j({"tag_name": "1.2.0-rc.1", "html_url": "http://127.0.0.1/r", "name": null})j",
                           error);
    ASSERT_TRUE(r) << error;
    EXPECT_EQ(r->name, "1.2.0-rc.1");
    EXPECT_EQ(r->notes, "");
    EXPECT_EQ(r->version.pre_release.size(), 2u);
}

struct bad_release {
    char const* json;
    char const* error_contains;
};

class release_errors : public testing::TestWithParam<bad_release> {};

TEST_P(release_errors, give_one_line_naming_the_problem)
{
    std::string error;
    EXPECT_FALSE(parse_release(GetParam().json, error));
    EXPECT_NE(error.find(GetParam().error_contains), std::string::npos) << error;
    EXPECT_EQ(error.find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    all, release_errors,
    testing::Values(
        bad_release{"", "malformed release JSON"}, bad_release{"{\"tag_name\": ", "malformed release JSON"},
        bad_release{"<html>rate limited</html>", "malformed release JSON"},
        bad_release{"[1, 2]", "not an object"}, bad_release{"\"v1.0.0\"", "not an object"},
        bad_release{R"j({"html_url": "https://x/r"})j", "tag_name"},
        bad_release{R"j({"tag_name": 100, "html_url": "https://x/r"})j", "tag_name"},
        bad_release{R"j({"tag_name": "latest", "html_url": "https://x/r"})j", "not a semantic version"},
        bad_release{R"j({"tag_name": "v1.0.0"})j", "html_url"},
        bad_release{R"j({"tag_name": "v1.0.0", "html_url": "javascript:alert(1)"})j", "not an http(s) URL"},
        bad_release{R"j({"tag_name": "v1.0.0", "html_url": "file:///etc/passwd"})j", "not an http(s) URL"},
        bad_release{R"j({"tag_name": "v1.0.0", "html_url": "https://x/r\nfake log line"})j",
                    "not an http(s) URL"},
        bad_release{R"j({"tag_name": "v1.0.0", "html_url": "https://x/r", "body": 5})j", "\"body\""},
        bad_release{R"j({"tag_name": "v1.0.0", "html_url": "https://x/r", "name": {}})j", "\"name\""}));

// A release document nested 100,000 deep is refused with one line, not parsed into a value
// whose recursive copy or comparison would overflow the stack.
TEST(release, deep_nesting_is_refused_with_one_line)
{
    std::string const deep = R"({"tag_name": "v9.0.0", "html_url": "https://x/r", "body": )" +
                             std::string(100000, '[') + std::string(100000, ']') + "}";
    std::string error;
    EXPECT_FALSE(parse_release(deep, error));
    EXPECT_NE(error.find("nests deeper"), std::string::npos) << error;
}

} // namespace
} // namespace pico::updater
