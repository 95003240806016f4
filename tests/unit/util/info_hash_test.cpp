#include "util/info_hash.hpp"

#include <gtest/gtest.h>

namespace {

using namespace pico::util;

std::string const v1_hex = "0123456789abcdef0123456789abcdef01234567";
std::string const v2_hex = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

TEST(info_hash, v1_is_40_lowercase_hex)
{
    auto const ih = parse_info_hash("0123456789ABCDEF0123456789abcdef01234567");
    ASSERT_TRUE(ih);
    EXPECT_TRUE(ih->has_v1());
    EXPECT_FALSE(ih->has_v2());
    EXPECT_EQ(info_hash_string(*ih), v1_hex);
    EXPECT_EQ(v2_hash_string(*ih), "");
}

TEST(info_hash, v2_only_is_64_hex)
{
    auto const ih = parse_info_hash(v2_hex);
    ASSERT_TRUE(ih);
    EXPECT_FALSE(ih->has_v1());
    EXPECT_TRUE(ih->has_v2());
    EXPECT_EQ(info_hash_string(*ih), v2_hex);
    EXPECT_EQ(v2_hash_string(*ih), v2_hex);
}

TEST(info_hash, hybrid_is_named_by_its_v1_hash)
{
    lt::info_hash_t const ih(parse_info_hash(v1_hex)->v1, parse_info_hash(v2_hex)->v2);
    EXPECT_EQ(info_hash_string(ih), v1_hex);
    EXPECT_EQ(v2_hash_string(ih), v2_hex);
}

TEST(info_hash, empty_hash_has_no_text)
{
    EXPECT_EQ(info_hash_string(lt::info_hash_t()), "");
    EXPECT_EQ(v2_hash_string(lt::info_hash_t()), "");
}

TEST(info_hash, malformed_text_is_refused)
{
    EXPECT_FALSE(parse_info_hash(""));
    EXPECT_FALSE(parse_info_hash(v1_hex.substr(1)));
    EXPECT_FALSE(parse_info_hash(v1_hex + "0"));
    EXPECT_FALSE(parse_info_hash("0123456789abcdef0123456789abcdef0123456g"));
    EXPECT_FALSE(parse_info_hash("../../../../../../../../etc/passwd123456"));
    EXPECT_FALSE(parse_info_hash(std::string(40, '0'))) << "an all-zero hash means no hash";
    EXPECT_FALSE(parse_info_hash(v2_hex.substr(0, 63) + "x"));
}

} // namespace
