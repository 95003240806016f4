#include "plugins/semver.hpp"

#include <gtest/gtest.h>

namespace {

using pico::plugins::parse_sdk_version;
using pico::plugins::parse_semver;

TEST(semver, parses_plain_and_decorated_versions)
{
    auto v = parse_semver("1.22.333");
    ASSERT_TRUE(v);
    EXPECT_EQ(v->major, 1u);
    EXPECT_EQ(v->minor, 22u);
    EXPECT_EQ(v->patch, 333u);
    EXPECT_TRUE(parse_semver("0.1.0-beta.1"));
    EXPECT_TRUE(parse_semver("2.0.0-rc-1+build.7"));
    EXPECT_TRUE(parse_semver("2.0.0+20240101"));
}

TEST(semver, rejects_what_semver_does_not_allow)
{
    for (auto const* bad : {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "a.b.c", "1.2.3-", "1.2.3+", "1.2.3-a..b",
                            "1.2.3-ä", " 1.2.3", "1.2.3 ", "-1.2.3", "99999999999.0.0"})
        EXPECT_FALSE(parse_semver(bad)) << '"' << bad << '"';
}

TEST(semver, sdk_versions_must_fit_the_packed_form)
{
    EXPECT_TRUE(parse_sdk_version("255.4095.4095"));
    EXPECT_FALSE(parse_sdk_version("256.0.0"));
    EXPECT_FALSE(parse_sdk_version("1.4096.0"));
    EXPECT_FALSE(parse_sdk_version("1.0.4096"));
    EXPECT_FALSE(parse_sdk_version("1.0.0-beta")) << "the descriptor cannot carry a pre-release";
}

TEST(semver, packs_like_the_sdk_macro)
{
    auto const v = *parse_sdk_version("3.14.15");
    EXPECT_EQ(pico::plugins::pack(v), PICO_MAKE_SEMANTIC_VERSION(3, 14, 15));
    EXPECT_EQ(pico::plugins::to_string(pico::sdk::semantic_version::unpack(pico::plugins::pack(v))), "3.14.15");
}

} // namespace
