// hello's unit test against the SDK's fake host: fire an event, read what the plugin logged.
#include <gtest/gtest.h>
#include <picotorrent/sdk/plugin.hpp>
#include <picotorrent/sdk/testing/fake_host.hpp>

extern "C" pico::sdk::plugin_descriptor const* pico_plugin_entry();

namespace {

namespace sdk = pico::sdk;

TEST(hello, greets_then_logs_added_and_finished_torrents)
{
    sdk::testing::fake_host host;
    host.id = "hello";
    auto* plugin = pico_plugin_entry()->create();
    plugin->start(host);

    sdk::torrent_added_event added;
    added.torrent.name = "debian.iso";
    host.fire(added);
    sdk::torrent_finished_event finished;
    finished.torrent.name = "debian.iso";
    host.fire(finished);

    auto const lines = host.lines_with("", sdk::log_level::info);
    ASSERT_EQ(lines.size(), 3u) << host.dump();
    EXPECT_EQ(lines[0].rfind("hello from PicoTorrent ", 0), 0u) << lines[0];
    EXPECT_EQ(lines[1], "added \"debian.iso\"");
    EXPECT_EQ(lines[2], "finished \"debian.iso\"");

    plugin->stop();
    host.fire(added); // unsubscribed: nothing more is logged
    EXPECT_EQ(host.lines_with("", sdk::log_level::info).size(), 3u);
    pico_plugin_entry()->destroy(plugin);
}

} // namespace
