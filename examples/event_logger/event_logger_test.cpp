// Unit test of the event_logger plugin against the SDK's fake host: what a third-party plugin
// author writes. The plugin's own source is compiled in, and created through its entry point
// exactly as the host would create it.
#include <gtest/gtest.h>
#include <picotorrent/sdk/plugin.hpp>
#include <picotorrent/sdk/testing/fake_host.hpp>

extern "C" pico::sdk::plugin_descriptor const* pico_plugin_entry();

namespace {

namespace sdk = pico::sdk;

class event_logger_test : public ::testing::Test {
  protected:
    void SetUp() override
    {
        host.id = "event_logger";
        plugin = pico_plugin_entry()->create();
        plugin->start(host);
    }
    void TearDown() override
    {
        plugin->stop();
        pico_plugin_entry()->destroy(plugin);
    }

    sdk::testing::fake_host host;
    sdk::plugin* plugin = nullptr;
};

TEST_F(event_logger_test, declares_itself_for_this_sdk)
{
    auto const* d = pico_plugin_entry();
    EXPECT_STREQ(d->id, "event_logger");
    EXPECT_EQ(d->sdk_version, static_cast<std::uint32_t>(PICO_SDK_VERSION));
}

TEST_F(event_logger_test, logs_one_line_per_event_with_its_details)
{
    sdk::torrent_added_event added;
    added.torrent.info_hash = std::string(40, 'a');
    added.torrent.name = "ubuntu.iso";
    added.restored = true;
    host.fire(added);

    sdk::tracker_error_event tracker;
    tracker.info_hash = std::string(40, 'b');
    tracker.url = "http://127.0.0.1:9/announce";
    tracker.message = "connection refused";
    tracker.times_in_row = 3;
    host.fire(tracker);

    auto const lines = host.lines_with("", sdk::log_level::info);
    ASSERT_EQ(lines.size(), 2u) << host.dump();
    EXPECT_EQ(lines[0], "torrent_added " + std::string(40, 'a') + " \"ubuntu.iso\" (restored)");
    EXPECT_EQ(lines[1], "tracker_error " + std::string(40, 'b') +
                            " http://127.0.0.1:9/announce: connection refused (3 in a row)");
}

TEST_F(event_logger_test, subscribes_to_every_event_and_releases_them_on_stop)
{
    EXPECT_EQ(host.registrations(), 18u) << "one subscription per SDK event type";
    plugin->stop();
    EXPECT_EQ(host.registrations(), 0u);
    host.fire(sdk::host_started_event{});
    EXPECT_TRUE(host.logs().empty()) << host.dump();
    plugin->start(host); // TearDown stops it again
}

} // namespace
