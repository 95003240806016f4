// General semver parsing is tested with the SDK (tests/unit/sdk/semver_test.cpp).
#include "plugins/semver.hpp"

#include <gtest/gtest.h>

namespace {

using pico::plugins::parse_sdk_version;
TEST(semver, sdk_versions_must_fit_the_packed_form)
{
    EXPECT_TRUE(parse_sdk_version("255.4095.4095"));
    EXPECT_FALSE(parse_sdk_version("256.0.0"));
    EXPECT_FALSE(parse_sdk_version("1.4096.0"));
    EXPECT_FALSE(parse_sdk_version("1.0.4096"));
    EXPECT_FALSE(parse_sdk_version("1.0.0-beta")) << "the descriptor cannot carry a pre-release";
    EXPECT_FALSE(parse_sdk_version("1.0.0+build.1")) << "nor build metadata";
    EXPECT_FALSE(parse_sdk_version("1.0"));
}

TEST(semver, packs_like_the_sdk_macro)
{
    auto const v = *parse_sdk_version("3.14.15");
    EXPECT_EQ(pico::plugins::pack(v), PICO_MAKE_SEMANTIC_VERSION(3, 14, 15));
    EXPECT_EQ(pico::plugins::to_string(pico::sdk::semantic_version::unpack(pico::plugins::pack(v))),
              "3.14.15");
}

} // namespace
