// One semver rule for the host (manifests) and plugins (release tags): the SDK's.
#include <gtest/gtest.h>
#include <picotorrent/sdk/semver.hpp>
#include <string>
#include <vector>

namespace pico::sdk {
namespace {

semver parse(std::string const& text)
{
    auto v = parse_semver(text, true);
    EXPECT_TRUE(v) << text;
    return v.value_or(semver{});
}

TEST(semver, parses_plain_and_v_prefixed_versions)
{
    auto v = parse("1.2.3");
    EXPECT_EQ(v.major, 1u);
    EXPECT_EQ(v.minor, 2u);
    EXPECT_EQ(v.patch, 3u);
    EXPECT_TRUE(v.pre_release.empty());
    EXPECT_EQ(parse("v1.2.3"), v);
    EXPECT_EQ(parse("V1.2.3"), v);
    EXPECT_EQ(parse("0.0.0").major, 0u);
    EXPECT_EQ(parse("18446744073709551615.0.0").major, 18446744073709551615ull);
}

TEST(semver, parses_pre_release_identifiers)
{
    auto v = parse("1.2.0-rc.1");
    EXPECT_EQ(v.pre_release, (std::vector<std::string>{"rc", "1"}));
    EXPECT_EQ(parse("1.0.0-alpha-beta.x-y-z.--").pre_release,
              (std::vector<std::string>{"alpha-beta", "x-y-z", "--"}));
    EXPECT_EQ(parse("1.0.0-0").pre_release, (std::vector<std::string>{"0"}));
    EXPECT_EQ(parse("1.0.0-0a").pre_release,
              (std::vector<std::string>{"0a"})); // alphanumeric: leading zero allowed
}

TEST(semver, ignores_build_metadata)
{
    EXPECT_EQ(parse("1.2.3+build.5"), parse("1.2.3"));
    EXPECT_EQ(parse("1.2.3-rc.1+sha.abc123"), parse("1.2.3-rc.1"));
    EXPECT_EQ(parse("1.2.3+001"), parse("1.2.3+002")); // build metadata may have leading zeros
    EXPECT_EQ(to_string(parse("v1.2.3-rc.1+build")), "1.2.3-rc.1");
}

TEST(semver, rejects_what_is_not_a_semantic_version)
{
    for (char const* bad : {"",
                            "v",
                            "1",
                            "1.2",
                            "1.2.3.4",
                            "1..3",
                            ".1.2",
                            "1.2.",
                            "a.b.c",
                            "01.2.3",
                            "1.02.3",
                            "1.2.03",
                            "1.2.3-",
                            "1.2.3-rc..1",
                            "1.2.3-rc.01",
                            "1.0.0-01", // the host's old parser accepted this one
                            "1.2.3-rc.1.",
                            "1.2.3+",
                            "1.2.3+a..b",
                            "1.2.3-r_c",
                            " 1.2.3",
                            "1.2.3 ",
                            "vv1.2.3",
                            "-1.2.3",
                            "1.-2.3",
                            "+1.2.3",
                            "1.2.3-é",
                            "18446744073709551616.0.0",
                            "latest",
                            "nightly-2024-01-01"}) {
        EXPECT_FALSE(parse_semver(bad, true)) << '"' << bad << '"';
    }
}

TEST(semver, takes_a_v_prefix_only_when_asked)
{
    EXPECT_FALSE(parse_semver("v1.2.3"));
    EXPECT_TRUE(parse_semver("v1.2.3", true));
}

// Precedence examples from semver.org section 11, each strictly less than the next.
TEST(semver, follows_the_semver_org_precedence_chain)
{
    std::vector<std::string> const chain = {
        "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta",
        "1.0.0-beta",  "1.0.0-beta.2",  "1.0.0-beta.11",
        "1.0.0-rc.1",  "1.0.0",         "2.0.0",
        "2.1.0",       "2.1.1",
    };
    for (std::size_t i = 0; i < chain.size(); ++i) {
        for (std::size_t j = 0; j < chain.size(); ++j) {
            auto const a = parse(chain[i]);
            auto const b = parse(chain[j]);
            EXPECT_EQ(a < b, i < j) << chain[i] << " vs " << chain[j];
            EXPECT_EQ(a == b, i == j) << chain[i] << " vs " << chain[j];
            EXPECT_EQ(a > b, i > j) << chain[i] << " vs " << chain[j];
        }
    }
}

TEST(semver, compares_numbers_numerically_not_as_text)
{
    EXPECT_LT(parse("1.9.0"), parse("1.10.0"));
    EXPECT_LT(parse("1.0.9"), parse("1.0.10"));
    EXPECT_LT(parse("9.0.0"), parse("10.0.0"));
    EXPECT_LT(parse("1.0.0-rc.9"), parse("1.0.0-rc.10"));
    EXPECT_LT(parse("1.0.0-2"), parse("1.0.0-10"));
    // Numeric identifiers beyond 64 bits still compare by value.
    EXPECT_LT(parse("1.0.0-99999999999999999999"), parse("1.0.0-100000000000000000000"));
}

TEST(semver, orders_numeric_identifiers_below_alphanumeric_ones)
{
    EXPECT_LT(parse("1.0.0-1"), parse("1.0.0-a"));
    EXPECT_LT(parse("1.0.0-999"), parse("1.0.0-0a"));
    EXPECT_LT(parse("1.0.0-rc.1"), parse("1.0.0-rc.a"));
}

TEST(semver, compares_alphanumeric_identifiers_in_ascii_order)
{
    EXPECT_LT(parse("1.0.0-RC"), parse("1.0.0-rc")); // 'R' < 'r'
    EXPECT_LT(parse("1.0.0-alpha"), parse("1.0.0-beta"));
    EXPECT_LT(parse("1.0.0-a-b"), parse("1.0.0-ab")); // '-' < 'b'
    EXPECT_LT(parse("1.0.0-beta"), parse("1.0.0-betb"));
}

TEST(semver, ranks_pre_releases_below_their_release_but_above_the_previous_one)
{
    EXPECT_LT(parse("1.2.0-rc.1"), parse("1.2.0"));
    EXPECT_GT(parse("1.2.0-rc.1"), parse("1.1.9"));
    EXPECT_GT(parse("1.2.0-rc.1"), parse("1.1.99-rc.1"));
    EXPECT_LT(parse("1.2.0-rc.1"), parse("1.2.0-rc.1.1"));
    EXPECT_LT(parse("0.1.0"), parse("0.2.0-alpha"));
}

TEST(semver, major_minor_patch_dominate_pre_release)
{
    EXPECT_LT(parse("1.0.0"), parse("1.0.1-alpha"));
    EXPECT_LT(parse("1.0.0-zzz"), parse("1.0.1-aaa"));
    EXPECT_LT(parse("1.99.99"), parse("2.0.0-0"));
}

TEST(semver, prints_the_canonical_form)
{
    EXPECT_EQ(to_string(parse("v0.1.0")), "0.1.0");
    EXPECT_EQ(to_string(parse("1.2.3-alpha.1.x")), "1.2.3-alpha.1.x");
}

} // namespace
} // namespace pico::sdk
