#include "plugins/dependency_order.hpp"

#include <gtest/gtest.h>

namespace {

using pico::plugins::dependency_node;
using pico::plugins::dependency_plan;
using refusals = std::vector<std::pair<std::string, std::string>>;

dependency_plan plan(std::vector<dependency_node> const& nodes)
{
    return pico::plugins::order_by_dependencies(
        nodes, [](std::string const&) { return std::string("which is gone"); });
}

TEST(dependency_order, dependencies_first_ties_in_discovery_order)
{
    auto const p = plan(
        {{"gui", {"filters", "updater"}}, {"filters", {}}, {"websocket", {}}, {"updater", {"websocket"}}});
    EXPECT_EQ(p.order, (std::vector<std::string>{"filters", "websocket", "updater", "gui"}));
    EXPECT_TRUE(p.refused.empty());
}

TEST(dependency_order, diamond_starts_each_plugin_once)
{
    auto const p = plan({{"top", {"left", "right"}}, {"left", {"base"}}, {"right", {"base"}}, {"base", {}}});
    EXPECT_EQ(p.order, (std::vector<std::string>{"base", "left", "right", "top"}));
}

TEST(dependency_order, cycle_refuses_its_members_and_their_dependents_naming_the_cycle)
{
    auto const p = plan({{"x", {"a"}}, {"a", {"b"}}, {"b", {"c"}}, {"c", {"a"}}, {"free", {}}});
    EXPECT_EQ(p.order, std::vector<std::string>{"free"});
    EXPECT_EQ(p.refused, (refusals{{"x", "depends on 'a', which was refused"},
                                   {"a", "dependency cycle: a -> b -> c -> a"},
                                   {"b", "dependency cycle: a -> b -> c -> a"},
                                   {"c", "dependency cycle: a -> b -> c -> a"}}));
}

TEST(dependency_order, depending_on_itself_is_a_cycle)
{
    auto const p = plan({{"narcissus", {"narcissus"}}});
    EXPECT_TRUE(p.order.empty());
    EXPECT_EQ(p.refused, (refusals{{"narcissus", "dependency cycle: narcissus -> narcissus"}}));
}

TEST(dependency_order, unavailable_dependency_is_named_and_the_refusal_propagates)
{
    auto const p = plan({{"c", {"b"}}, {"b", {"a"}}, {"a", {"missing"}}, {"d", {}}});
    EXPECT_EQ(p.order, std::vector<std::string>{"d"});
    EXPECT_EQ(p.refused, (refusals{{"c", "depends on 'b', which was refused"},
                                   {"b", "depends on 'a', which was refused"},
                                   {"a", "depends on 'missing', which is gone"}}));
}

} // namespace
