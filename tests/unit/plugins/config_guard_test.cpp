// Typos that would drop a fail_closed plugin: an unknown id in --plugins, or a config section
// whose fail_closed plugin is installed but not running (proxy.force with --plugins websocket).
#include "plugin_records.hpp"
#include "plugins/fail_closed.hpp"
#include "plugins/selection_check.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using namespace pico;
using plugins::plugin_record;
using plugins::plugin_state;

using plugins::test::guard_record;

TEST(config_guard, unknown_plugin_id_is_one_line_listing_the_installed_ones)
{
    std::vector<plugin_record> const records{guard_record("proxy", plugin_state::discovered, true),
                                             guard_record("websocket", plugin_state::discovered, false)};
    EXPECT_FALSE(plugins::unknown_selected_id(records, {"websocket", "proxy"}));
    auto const line = plugins::unknown_selected_id(records, {"websocket", "prxy"});
    ASSERT_TRUE(line);
    EXPECT_EQ(*line, "--plugins: no plugin 'prxy' is installed (installed: proxy, websocket)");
    auto const escaped = plugins::unknown_selected_id({}, {"a\x1b[2J"});
    ASSERT_TRUE(escaped);
    EXPECT_EQ(*escaped, "--plugins: no plugin 'a\\e[2J' is installed (installed: none)");
}

TEST(config_guard, a_section_of_an_unselected_fail_closed_plugin_stops_the_host)
{
    auto const config =
        nlohmann::json::parse(R"({"proxy": {"type": "socks5", "force": true}, "websocket": {}})");
    auto const line = plugins::fail_closed_section_violation(
        {guard_record("websocket", plugin_state::running, false),
         guard_record("proxy", plugin_state::not_selected, true, "not in --plugins")},
        config);
    ASSERT_TRUE(line);
    EXPECT_EQ(*line, "the configuration has a 'proxy' section, but plugin 'proxy' is not selected (not in "
                     "--plugins); it is fail_closed, so the host will not run without it");
}

TEST(config_guard, no_section_or_a_running_guard_passes)
{
    auto const with_section = nlohmann::json::parse(R"({"proxy": {"force": true}})");
    EXPECT_FALSE(plugins::fail_closed_section_violation({guard_record("proxy", plugin_state::running, true)},
                                                        with_section));
    // Without a section there is nothing the plugin was asked to guard.
    EXPECT_FALSE(
        plugins::fail_closed_section_violation({guard_record("proxy", plugin_state::not_selected, true)},
                                               nlohmann::json::parse(R"({"proxy": null})")));
    // A section of a plugin that is not fail_closed is its own business.
    EXPECT_FALSE(
        plugins::fail_closed_section_violation({guard_record("websocket", plugin_state::not_selected, false)},
                                               nlohmann::json::parse(R"({"websocket": {}})")));
}

} // namespace
