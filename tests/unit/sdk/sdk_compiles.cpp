// Compiled once as C++17 and once as C++20: the SDK must work for both.
#include <gtest/gtest.h>
#include <picotorrent/sdk/sdk.hpp>

namespace {

TEST(sdk_headers, version_macros_pack_and_unpack)
{
    auto v = pico::sdk::semantic_version::unpack(PICO_MAKE_SEMANTIC_VERSION(1, 2, 3));
    EXPECT_EQ(v.major, 1u);
    EXPECT_EQ(v.minor, 2u);
    EXPECT_EQ(v.patch, 3u);
    auto sdk = pico::sdk::semantic_version::unpack(PICO_SDK_VERSION);
    EXPECT_EQ(sdk.major, static_cast<std::uint32_t>(PICO_SDK_VERSION_MAJOR));
}

TEST(sdk_headers, fingerprint_names_major_compiler_and_stdlib)
{
    std::string fp = PICO_SDK_ABI_FINGERPRINT;
    EXPECT_EQ(fp.rfind("pico-sdk-" + std::to_string(PICO_SDK_VERSION_MAJOR) + ";", 0), 0u);
    EXPECT_EQ(fp.find("unknown"), std::string::npos);
}

TEST(sdk_headers, subscription_cancels_exactly_once)
{
    int cancelled = 0;
    {
        pico::sdk::subscription a([&] { ++cancelled; });
        pico::sdk::subscription b(std::move(a));
        EXPECT_FALSE(a);
        EXPECT_TRUE(b);
        pico::sdk::subscription c;
        c = std::move(b);
        c.reset();
        c.reset();
    }
    EXPECT_EQ(cancelled, 1);
}

TEST(sdk_headers, events_carry_their_type)
{
    pico::sdk::torrent_added_event added;
    pico::sdk::event const& base = added;
    EXPECT_EQ(base.type, pico::sdk::event_type::torrent_added);
    EXPECT_EQ(pico::sdk::torrents_updated_event{}.type, pico::sdk::event_type::torrents_updated);
}

} // namespace
