// A fail_closed plugin that is selected but does not start stops the host: checked on records, and
// on the fixture plugins loaded for real.
#include "manager_harness.hpp"
#include "plugin_records.hpp"
#include "plugins/fail_closed.hpp"

#include <gtest/gtest.h>

namespace {

using namespace pico;
using plugins::plugin_record;
using plugins::plugin_state;

using plugins::test::guard_record;

TEST(fail_closed, refused_guard_is_one_line_naming_it_and_its_reason)
{
    auto const line = plugins::fail_closed_violation(
        {guard_record("good", plugin_state::running, false),
         guard_record("proxy", plugin_state::refused, true, "start() threw: proxy.port: out of range")});
    ASSERT_TRUE(line);
    EXPECT_EQ(*line,
              "proxy: refused (start() threw: proxy.port: out of range); it is fail_closed, so the host will "
              "not run without it");
}

TEST(fail_closed, running_or_unselected_guards_and_other_plugins_pass)
{
    EXPECT_FALSE(plugins::fail_closed_violation({}));
    EXPECT_FALSE(plugins::fail_closed_violation({guard_record("proxy", plugin_state::running, true)}));
    // Leaving it out is the user's choice (--no-plugins, --plugins, the config's list).
    EXPECT_FALSE(plugins::fail_closed_violation(
        {guard_record("proxy", plugin_state::not_selected, true, "plugins are turned off (--no-plugins)")}));
    // A refused plugin that does not guard anything leaves the host running, as before.
    EXPECT_FALSE(plugins::fail_closed_violation({guard_record("x", plugin_state::refused, false, "bad")}));
}

TEST(fail_closed, disabled_guard_stops_the_host_too)
{
    auto const line =
        plugins::fail_closed_violation({guard_record("proxy", plugin_state::disabled, true, "threw")});
    ASSERT_TRUE(line);
    EXPECT_EQ(line->rfind("proxy: disabled (threw); it is fail_closed", 0), 0u) << *line;
}

TEST(fail_closed, a_refused_duplicate_of_a_running_guard_is_not_a_violation)
{
    EXPECT_FALSE(
        plugins::fail_closed_violation({guard_record("proxy", plugin_state::running, true),
                                        guard_record("proxy", plugin_state::refused, true,
                                                     "duplicate id: already found in /a, ignoring /b")}));
    EXPECT_FALSE(plugins::fail_closed_violation(
        {guard_record("proxy", plugin_state::not_selected, true, "not in the list of plugins to load"),
         guard_record("proxy", plugin_state::refused, true,
                      "duplicate id: already found in /a, ignoring /b")}));
}

TEST(fail_closed, real_fixture_that_throws_in_start_is_a_violation)
{
    test::manager_harness h;
    h.manager.discover({test::fixture_case("fail_closed"), test::fixture_case("good")});
    h.manager.load_and_start(h.factory());
    auto const line = plugins::fail_closed_violation(h.manager.records());
    ASSERT_TRUE(line);
    EXPECT_EQ(line->rfind("guard: refused (start() threw: cannot open its database (fixture)", 0), 0u)
        << *line;
    EXPECT_NE(line->find("); it is fail_closed, so the host will not run without it"), std::string::npos)
        << *line;
}

TEST(fail_closed, real_fixture_that_starts_or_is_not_selected_is_fine)
{
    {
        test::manager_harness h;
        h.manager.discover({test::fixture_case("fail_closed_ok")});
        h.manager.load_and_start(h.factory());
        EXPECT_TRUE(h.record("guard_ok").info.fail_closed);
        EXPECT_EQ(h.record("guard_ok").state, plugin_state::running);
        EXPECT_FALSE(plugins::fail_closed_violation(h.manager.records()));
    }
    {
        test::manager_harness h;
        h.manager.discover({test::fixture_case("fail_closed")});
        h.manager.select({.only = std::nullopt, .none = true, .allow_front_end = false});
        h.manager.load_and_start(h.factory());
        EXPECT_FALSE(plugins::fail_closed_violation(h.manager.records()));
    }
}

} // namespace
