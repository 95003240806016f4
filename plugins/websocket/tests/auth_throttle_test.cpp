// Brute force (issue 9): wrong tokens per address get a few tries, then 429 for a while, even
// with the right token; one log line when the block starts.
#include "auth_throttle.hpp"
#include "plugin_fixture.hpp"
#include "ws_client.hpp"

#include <algorithm>
#include <gtest/gtest.h>

using namespace std::chrono_literals;
using pico::websocket::address_of;
using pico::websocket::auth_throttle;
using pico::websocket::testing::running_plugin;
using pico::websocket::testing::ws_client;

TEST(websocket_auth_throttle, blocks_after_the_free_failures_then_forgives)
{
    std::chrono::steady_clock::time_point now{};
    auth_throttle t(3, 60s, 30s, [&] { return now; });
    for (int i = 0; i < 3; ++i)
        EXPECT_FALSE(t.failed("127.0.0.1")) << i;
    EXPECT_FALSE(t.blocked("127.0.0.1"));
    EXPECT_TRUE(t.failed("127.0.0.1")) << "the fourth starts the block (log it)";
    EXPECT_TRUE(t.blocked("127.0.0.1"));
    EXPECT_FALSE(t.failed("127.0.0.1")) << "only the start is reported";
    EXPECT_FALSE(t.blocked("127.0.0.2")) << "other addresses are not affected";
    now += 31s;
    EXPECT_FALSE(t.blocked("127.0.0.1")) << "a block ends";
    now += 61s;
    EXPECT_FALSE(t.failed("127.0.0.1")) << "a new window starts with free tries";
    t.succeeded("127.0.0.1");
    for (int i = 0; i < 3; ++i)
        EXPECT_FALSE(t.failed("127.0.0.1"));
}

TEST(websocket_auth_throttle, mistakes_spread_over_time_are_not_a_block)
{
    std::chrono::steady_clock::time_point now{};
    auth_throttle t(3, 60s, 30s, [&] { return now; });
    for (int i = 0; i < 20; ++i) {
        EXPECT_FALSE(t.failed("::1")) << i;
        now += 25s; // under four a minute
    }
}

TEST(websocket_auth_throttle, addresses_of_remote_endpoints)
{
    EXPECT_EQ(address_of("127.0.0.1:5000"), "127.0.0.1");
    EXPECT_EQ(address_of("[::1]:5000"), "::1");
    EXPECT_EQ(address_of("[::ffff:127.0.0.1]:1"), "::ffff:127.0.0.1");
}

TEST(websocket_auth_throttle, a_real_server_answers_429_after_wrong_tokens)
{
    running_plugin p;
    std::string const wrong =
        "ws://127.0.0.1:" + std::to_string(p.port()) + "/?token=" + std::string(32, 'w');
    for (std::size_t i = 0; i < auth_throttle::default_free_failures; ++i) {
        ws_client c;
        EXPECT_FALSE(c.open(wrong));
        EXPECT_EQ(c.http_status(), 401) << i;
    }
    ws_client eleventh;
    EXPECT_FALSE(eleventh.open(wrong));
    EXPECT_EQ(eleventh.http_status(), 401) << "the failure that starts the block is still a 401";
    // Now even the right token is refused: the guesser cannot tell a hit from a miss.
    ws_client right;
    EXPECT_FALSE(right.open(p.url()));
    EXPECT_EQ(right.http_status(), 429);
    for (int i = 0; i < 50; ++i) {
        ws_client c;
        EXPECT_FALSE(c.open(wrong));
        EXPECT_EQ(c.http_status(), 429);
    }
    auto const lines = p.host().log_lines();
    auto const blocks = std::count_if(lines.begin(), lines.end(), [](std::string const& l) {
        return l.find("blocking 127.0.0.1") != std::string::npos;
    });
    EXPECT_EQ(blocks, 1) << "logged once";
}
