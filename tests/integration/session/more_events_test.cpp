// The events the lifecycle test does not reach: a plugin that throws is disabled and
// reported (plugin_refused) while the host goes on; tracker_error from a dead tracker;
// storage_moved; settings_changed from a config write and a settings patch.
#include "host_fixture.hpp"
#include "support/test_support.hpp"

#include <boost/asio/steady_timer.hpp>
#include <fstream>
#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
using namespace pico;

std::vector<nlohmann::json> events_named(fs::path const& file, std::string const& name)
{
    std::vector<nlohmann::json> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (line.empty())
            continue;
        auto j = nlohmann::json::parse(line);
        if (j.value("event", "") == name)
            out.push_back(std::move(j));
    }
    return out;
}

TEST(session_events, throwing_plugin_tracker_error_storage_moved_and_settings_changed)
{
    test_support::temp_dir tmp;
    auto const payload = tmp.path() / "data" / "thing";
    test_support::make_payload(payload, {{"x.bin", 200000}}, 5);
    auto const torrent = tmp.path() / "thing.torrent";
    // Nothing listens on this port: every announce fails, quickly, on loopback.
    auto const dead_tracker =
        "http://127.0.0.1:" + std::to_string(test_support::free_tcp_port()) + "/announce";
    test_support::make_torrent(payload, torrent, {.trackers = {dead_tracker}});
    auto const events_file = tmp.path() / "events.jsonl";

    core::host_options options;
    options.config_file = test::write_loopback_config(tmp.path() / "PicoTorrent.json",
                                                      {{"recorder", {{"output", events_file.string()}}}});
    options.state_dir = tmp.path() / "state";
    options.save_path = (tmp.path() / "download").string();
    options.plugin_dirs = {PICO_FIXTURE_ROOT "/recorder", PICO_FIXTURE_ROOT "/throws_in_handler"};
    options.plugins = std::vector<std::string>{"recorder", "throws_in_handler"};
    options.torrents = {torrent.string()};

    core::application app(options);
    test::watchdog guard(app, std::chrono::seconds(120));

    bool tracker_failed = false, moved = false;
    std::string info_hash;
    auto maybe_stop = [&] {
        if (tracker_failed && moved)
            app.request_stop();
    };
    auto on_added = app.events().subscribe("test", sdk::event_type::torrent_added, [&](sdk::event const& e) {
        info_hash = static_cast<sdk::torrent_added_event const&>(e).torrent.info_hash;
        EXPECT_TRUE(app.session().move_storage(info_hash, (tmp.path() / "moved").string()));
        EXPECT_TRUE(app.write_config("test_key", "{\"a\":1}", "test").ok);
        EXPECT_TRUE(app.session().apply_settings({{"connections_limit", std::int64_t(123)}}).ok);
        EXPECT_FALSE(app.session().apply_settings({{"no_such_setting", true}}).ok);
    });
    auto on_tracker = app.events().subscribe("test", sdk::event_type::tracker_error, [&](sdk::event const&) {
        tracker_failed = true;
        maybe_stop();
    });
    auto on_moved = app.events().subscribe("test", sdk::event_type::storage_moved, [&](sdk::event const& e) {
        auto const& m = static_cast<sdk::storage_moved_event const&>(e);
        EXPECT_TRUE(m.error.empty()) << m.error;
        EXPECT_EQ(fs::path(m.new_path), tmp.path() / "moved");
        moved = true;
        maybe_stop();
    });

    EXPECT_EQ(app.run(), 0);
    EXPECT_TRUE(tracker_failed);
    EXPECT_TRUE(moved);

    // The throwing plugin was disabled and reported; the recorder kept working after that.
    auto const refused = events_named(events_file, "plugin_refused");
    ASSERT_FALSE(refused.empty());
    EXPECT_EQ(refused.front().value("id", ""), "throws_in_handler");
    EXPECT_FALSE(events_named(events_file, "tracker_error").empty());
    EXPECT_FALSE(events_named(events_file, "storage_moved").empty());
    EXPECT_FALSE(events_named(events_file, "host_stopping").empty());
    auto const changed = events_named(events_file, "settings_changed");
    EXPECT_FALSE(changed.empty());
    // The config write really reached the file.
    std::ifstream cfg(*options.config_file);
    EXPECT_EQ(nlohmann::json::parse(cfg).at("test_key").at("a"), 1);
}

} // namespace

namespace {

// torrent_error: the save path lies under a regular file, so libtorrent's first look at the
// payload (file_stat while checking) fails. libtorrent reports it twice (file_error_alert, then
// torrent_error_alert); plugins see one torrent_error naming the file, and the host goes on.
TEST(session_events, torrent_error_fires_once_when_the_payload_cannot_be_written)
{
    test_support::temp_dir tmp;
    auto const payload = tmp.path() / "seed" / "blocked";
    test_support::make_payload(payload, {{"a.bin", 300000}}, 7);
    auto const torrent = tmp.path() / "blocked.torrent";
    test_support::make_torrent(payload, torrent, {});
    auto const blocker = tmp.path() / "not-a-directory";
    std::ofstream(blocker) << "a regular file where the save path's parent should be";
    auto const events_file = tmp.path() / "events.jsonl";

    core::host_options options;
    options.config_file = test::write_loopback_config(tmp.path() / "PicoTorrent.json",
                                                      {{"recorder", {{"output", events_file.string()}}}});
    options.state_dir = tmp.path() / "state";
    options.save_path = (blocker / "download").string();
    options.plugin_dirs = {PICO_FIXTURE_ROOT "/recorder"};
    options.plugins = std::vector<std::string>{"recorder"};
    options.torrents = {torrent.string()};

    core::application app(options);
    test::watchdog guard(app, std::chrono::seconds(120));
    int errors = 0;
    auto on_error = app.events().subscribe("test", sdk::event_type::torrent_error, [&](sdk::event const& e) {
        auto const& err = static_cast<sdk::torrent_error_event const&>(e);
        ++errors;
        EXPECT_FALSE(err.message.empty());
        EXPECT_NE(err.file.find("a.bin"), std::string::npos) << err.file;
        EXPECT_EQ(err.torrent.name, "blocked");
        EXPECT_FALSE(err.torrent.error.empty());
        // Let any second report of the same error arrive before stopping.
        auto timer = std::make_shared<boost::asio::steady_timer>(app.io(), std::chrono::seconds(2));
        timer->async_wait([&app, timer](boost::system::error_code const&) { app.request_stop(); });
    });
    EXPECT_EQ(app.run(), 0);
    EXPECT_EQ(errors, 1);
    EXPECT_EQ(events_named(events_file, "torrent_error").size(), 1u);
}

} // namespace

namespace {

// A fail_closed plugin (one that guards the network, like the proxy in force mode) that throws
// once running is disabled like any other, and then the host stops with a failure instead of
// running on without it.
TEST(session_events, a_fail_closed_plugin_failing_while_running_stops_the_host)
{
    test_support::temp_dir tmp;
    core::host_options options;
    options.config_file = test::write_loopback_config(tmp.path() / "PicoTorrent.json");
    options.state_dir = tmp.path() / "state";
    options.save_path = (tmp.path() / "download").string();
    options.plugin_dirs = {PICO_FIXTURE_ROOT "/fail_closed_throws"};
    options.plugins = std::vector<std::string>{"guard_throws"};

    core::application app(options);
    // Fails the test if the host keeps running without its fail_closed plugin.
    test::watchdog guard(app, std::chrono::seconds(60));
    bool refused = false;
    auto on_refused =
        app.events().subscribe("test", sdk::event_type::plugin_refused, [&](sdk::event const& e) {
            refused = refused || static_cast<sdk::plugin_refused_event const&>(e).id == "guard_throws";
        });
    EXPECT_EQ(app.run(), exit_failure);
    EXPECT_TRUE(refused);
}

} // namespace
