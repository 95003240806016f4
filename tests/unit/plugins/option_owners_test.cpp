// A plugin-facing option (--include) that no running plugin declares is one line naming the
// plugins whose manifests declare it and why they are not running.
#include "manager_harness.hpp"
#include "plugin_records.hpp"
#include "plugins/option_owners.hpp"

#include <gtest/gtest.h>

namespace {

using namespace pico;
using plugins::plugin_record;
using plugins::plugin_state;

using plugins::test::option_record;

TEST(option_owners, nothing_given_or_a_running_consumer_passes)
{
    EXPECT_FALSE(plugins::unhandled_option({}, {}));
    EXPECT_FALSE(plugins::unhandled_option(
        {option_record("filters", plugin_state::running, {"include", "exclude"})}, {"exclude", "include"}));
}

TEST(option_owners, unselected_consumer_is_named_with_the_reason)
{
    auto const line = plugins::unhandled_option(
        {option_record("other", plugin_state::running, {}),
         option_record("filters", plugin_state::not_selected, {"include", "exclude"},
                       "plugins are turned off (--no-plugins)")},
        {"include"});
    ASSERT_TRUE(line);
    EXPECT_EQ(*line,
              "--include needs a plugin that handles it, and none is running (filters is not loaded: plugins "
              "are turned off (--no-plugins))");
}

TEST(option_owners, refused_consumers_are_each_named)
{
    auto const line =
        plugins::unhandled_option({option_record("a", plugin_state::refused, {"exclude"}, "bad config"),
                                   option_record("b", plugin_state::not_selected, {"exclude"})},
                                  {"exclude"});
    ASSERT_TRUE(line);
    EXPECT_EQ(*line,
              "--exclude needs a plugin that handles it, and none is running (a is not loaded: refused (bad "
              "config); b is not loaded: not selected)");
}

TEST(option_owners, option_nobody_declares_says_so)
{
    auto const line = plugins::unhandled_option(
        {option_record("filters", plugin_state::running, {"include"})}, {"exclude"});
    ASSERT_TRUE(line);
    EXPECT_EQ(
        *line,
        "--exclude needs a plugin that handles it, and none is running (no installed plugin declares it)");
}

TEST(option_owners, real_fixture_manifest_names_the_consumer)
{
    {
        test::manager_harness h;
        h.manager.discover({test::fixture_case("options"), test::fixture_case("good")});
        h.manager.select({.only = std::vector<std::string>{"good"}, .none = false, .allow_front_end = false});
        h.manager.load_and_start(h.factory());
        EXPECT_EQ(h.record("consumer").info.options, (std::vector<std::string>{"include", "exclude"}));
        auto const line = plugins::unhandled_option(h.manager.records(), {"include"});
        ASSERT_TRUE(line);
        EXPECT_EQ(
            *line,
            "--include needs a plugin that handles it, and none is running (consumer is not loaded: not "
            "in the list of plugins to load)");
    }
    {
        test::manager_harness h;
        h.manager.discover({test::fixture_case("options")});
        h.manager.load_and_start(h.factory());
        EXPECT_FALSE(plugins::unhandled_option(h.manager.records(), {"include", "exclude"}));
    }
}

} // namespace
