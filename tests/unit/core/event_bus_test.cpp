#include "core/event_bus.hpp"

#include <gtest/gtest.h>
#include <stdexcept>
#include <vector>

namespace {

using pico::core::event_bus;
using namespace pico::sdk;

struct failures {
    std::vector<std::pair<std::string, std::string>> seen;
    pico::core::failure_handler handler()
    {
        return [this](std::string const& owner, std::string const& what) { seen.emplace_back(owner, what); };
    }
};

TEST(event_bus, delivers_to_subscribers_of_the_type_in_subscription_order)
{
    failures f;
    event_bus bus(f.handler());
    std::vector<int> order;
    auto a = bus.subscribe("a", event_type::torrent_added, [&](event const&) { order.push_back(1); });
    auto b = bus.subscribe("b", event_type::torrent_added, [&](event const&) { order.push_back(2); });
    auto c = bus.subscribe("c", event_type::torrent_removed, [&](event const&) { order.push_back(3); });
    bus.publish(torrent_added_event{});
    EXPECT_EQ(order, (std::vector<int>{1, 2}));
    EXPECT_TRUE(f.seen.empty());
}

TEST(event_bus, typed_payload_reaches_the_handler)
{
    failures f;
    event_bus bus(f.handler());
    std::string name;
    auto s = bus.subscribe("a", event_type::torrent_removed,
                           [&](event const& e) { name = static_cast<torrent_removed_event const&>(e).name; });
    torrent_removed_event e;
    e.name = "ubuntu.iso";
    bus.publish(e);
    EXPECT_EQ(name, "ubuntu.iso");
}

TEST(event_bus, destroying_the_subscription_unsubscribes)
{
    failures f;
    event_bus bus(f.handler());
    int calls = 0;
    {
        auto s = bus.subscribe("a", event_type::host_started, [&](event const&) { ++calls; });
        bus.publish(host_started_event{});
    }
    bus.publish(host_started_event{});
    EXPECT_EQ(calls, 1);
    EXPECT_EQ(bus.count(event_type::host_started), 0u);
}

TEST(event_bus, a_throwing_handler_is_reported_and_the_others_still_run)
{
    failures f;
    event_bus bus(f.handler());
    int later = 0;
    auto a = bus.subscribe("bad", event_type::host_started,
                           [](event const&) { throw std::runtime_error("boom"); });
    auto b = bus.subscribe("good", event_type::host_started, [&](event const&) { ++later; });
    bus.publish(host_started_event{});
    ASSERT_EQ(f.seen.size(), 1u);
    EXPECT_EQ(f.seen[0].first, "bad");
    EXPECT_NE(f.seen[0].second.find("host_started handler: boom"), std::string::npos);
    EXPECT_EQ(later, 1);
}

TEST(event_bus, handlers_removed_during_delivery_are_skipped_and_added_ones_wait)
{
    failures f;
    event_bus bus(f.handler());
    pico::sdk::subscription second, added;
    int second_calls = 0, added_calls = 0;
    auto first = bus.subscribe("a", event_type::host_started, [&](event const&) {
        second.reset();
        if (!added)
            added = bus.subscribe("c", event_type::host_started, [&](event const&) { ++added_calls; });
    });
    second = bus.subscribe("b", event_type::host_started, [&](event const&) { ++second_calls; });
    bus.publish(host_started_event{});
    EXPECT_EQ(second_calls, 0);
    EXPECT_EQ(added_calls, 0);
    bus.publish(host_started_event{});
    EXPECT_EQ(added_calls, 1);
}

TEST(event_bus, remove_owner_drops_every_handler_of_that_plugin)
{
    failures f;
    event_bus bus(f.handler());
    int calls = 0;
    auto a = bus.subscribe("x", event_type::host_started, [&](event const&) { ++calls; });
    auto b = bus.subscribe("x", event_type::host_stopping, [&](event const&) { ++calls; });
    auto c = bus.subscribe("y", event_type::host_started, [&](event const&) { ++calls; });
    bus.remove_owner("x");
    bus.publish(host_started_event{});
    bus.publish(host_stopping_event{});
    EXPECT_EQ(calls, 1);
    a.reset(); // cancelling after removal is harmless
}

TEST(event_bus, subscription_outliving_the_bus_is_harmless)
{
    pico::sdk::subscription s;
    {
        failures f;
        event_bus bus(f.handler());
        s = bus.subscribe("a", event_type::host_started, [](event const&) {});
    }
    s.reset();
    SUCCEED();
}

TEST(event_bus, every_event_type_has_a_name)
{
    for (std::uint32_t t = 1; t <= 18; ++t)
        EXPECT_STRNE(pico::core::to_string(static_cast<event_type>(t)), "unknown") << t;
}

} // namespace
