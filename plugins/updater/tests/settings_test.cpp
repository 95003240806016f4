#include "settings.hpp"

#include <gtest/gtest.h>

namespace pico::updater {
namespace {

using namespace std::chrono_literals;

TEST(settings, defaults_follow_the_reference)
{
    for (char const* config : {"{}", "null", "not json"}) {
        auto s = read_settings(config);
        EXPECT_EQ(s.update_url, "https://api.github.com/repos/picotorrent/picotorrent/releases/latest");
        EXPECT_EQ(s.ignored_update, "");
        EXPECT_EQ(s.ca_file, "");
        EXPECT_EQ(s.check_interval, 24h);
        EXPECT_EQ(s.timeout, 15s);
        EXPECT_FALSE(s.proxy_forced);
        EXPECT_TRUE(s.warnings.empty());
    }
}

TEST(settings, reads_every_key)
{
    auto s = read_settings(R"({"update_url": "https://127.0.0.1:8443/latest", "ignored_update": "1.2.0",
        "updater": {"ca_file": "/tmp/ca.pem", "check_interval_hours": 6, "timeout_seconds": 0.5},
        "proxy": {"type": "socks5", "force": true}})");
    EXPECT_EQ(s.update_url, "https://127.0.0.1:8443/latest");
    EXPECT_EQ(s.ignored_update, "1.2.0");
    EXPECT_EQ(s.ca_file, "/tmp/ca.pem");
    EXPECT_EQ(s.check_interval, 6h);
    EXPECT_EQ(s.timeout, 500ms);
    EXPECT_TRUE(s.proxy_forced);
    EXPECT_TRUE(s.warnings.empty());
}

TEST(settings, empty_update_url_and_zero_interval_are_allowed)
{
    auto s = read_settings(R"({"update_url": "", "updater": {"check_interval_hours": 0}})");
    EXPECT_EQ(s.update_url, "");
    EXPECT_EQ(s.check_interval, 0ms);
    EXPECT_TRUE(s.warnings.empty());
}

TEST(settings, tiny_intervals_are_raised_to_one_second)
{
    EXPECT_EQ(read_settings(R"({"updater": {"check_interval_hours": 0.0000001}})").check_interval, 1s);
    EXPECT_EQ(read_settings(R"({"updater": {"check_interval_hours": 0.001}})").check_interval, 3600ms);
}

TEST(settings, bad_values_are_warnings_naming_the_key_and_keep_defaults)
{
    auto s = read_settings(R"({"update_url": 5, "ignored_update": [], "updater": {"ca_file": true,
        "check_interval_hours": -1, "timeout_seconds": 0}})");
    EXPECT_EQ(s.update_url, default_update_url);
    EXPECT_EQ(s.check_interval, 24h);
    EXPECT_EQ(s.timeout, 15s);
    ASSERT_EQ(s.warnings.size(), 5u);
    EXPECT_NE(s.warnings[0].find("update_url"), std::string::npos);
    EXPECT_NE(s.warnings[1].find("ignored_update"), std::string::npos);
    EXPECT_NE(s.warnings[2].find("updater.ca_file"), std::string::npos);
    EXPECT_NE(s.warnings[3].find("updater.check_interval_hours"), std::string::npos);
    EXPECT_NE(s.warnings[4].find("updater.timeout_seconds"), std::string::npos);

    EXPECT_EQ(read_settings(R"({"updater": {"check_interval_hours": "daily"}})").warnings.size(), 1u);
    EXPECT_EQ(read_settings(R"({"updater": {"timeout_seconds": 100000}})").warnings.size(), 1u);
    EXPECT_EQ(read_settings(R"({"updater": "on"})").warnings.size(), 1u);
}

TEST(settings, proxy_force_must_be_true_to_count)
{
    EXPECT_FALSE(read_settings(R"({"proxy": {"force": false}})").proxy_forced);
    EXPECT_FALSE(read_settings(R"({"proxy": {"force": "yes"}})").proxy_forced);
    EXPECT_FALSE(read_settings(R"({"proxy": null})").proxy_forced);
}

} // namespace
} // namespace pico::updater
