#include "core/service_registry.hpp"

#include <gtest/gtest.h>

namespace {

struct counter_service {
    int value = 42;
};

TEST(service_registry, publish_find_and_withdraw)
{
    pico::core::service_registry reg;
    auto keepalive = std::make_shared<int>(1);
    auto sub = reg.publish("counter", 2, "p", std::make_shared<counter_service>(), keepalive);
    ASSERT_TRUE(sub);
    auto found = reg.find("counter", 1);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->version, 2u);
    EXPECT_EQ(found->provider, "p");
    EXPECT_EQ(std::static_pointer_cast<counter_service>(found->object)->value, 42);
    EXPECT_FALSE(reg.find("counter", 3)) << "a newer interface than published is not found";
    EXPECT_FALSE(reg.find("other", 0));
    sub.reset();
    EXPECT_FALSE(reg.find("counter", 0));
}

TEST(service_registry, a_taken_name_is_refused)
{
    pico::core::service_registry reg;
    auto a = reg.publish("x", 1, "p1", std::make_shared<int>(1), nullptr);
    auto b = reg.publish("x", 1, "p2", std::make_shared<int>(2), nullptr);
    EXPECT_TRUE(a);
    EXPECT_FALSE(b);
    EXPECT_EQ(reg.find("x", 0)->provider, "p1");
}

TEST(service_registry, objects_keep_the_provider_library_alive)
{
    pico::core::service_registry reg;
    auto keepalive = std::make_shared<int>(7);
    std::weak_ptr<int> weak = keepalive;
    std::shared_ptr<void> held;
    {
        auto sub = reg.publish("x", 1, "p", std::make_shared<int>(1), std::move(keepalive));
        held = reg.find("x", 0)->object;
    }
    EXPECT_FALSE(weak.expired()) << "a consumer still holds the object, so the library must stay";
    held.reset();
    EXPECT_TRUE(weak.expired());
}

TEST(service_registry, remove_provider)
{
    pico::core::service_registry reg;
    auto a = reg.publish("x", 1, "p", std::make_shared<int>(1), nullptr);
    auto b = reg.publish("y", 1, "q", std::make_shared<int>(1), nullptr);
    reg.remove_provider("p");
    EXPECT_FALSE(reg.find("x", 0));
    EXPECT_TRUE(reg.find("y", 0));
}

} // namespace
