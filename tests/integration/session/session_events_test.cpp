// A real host (config, libtorrent session on loopback, Boost.DLL plugin loading) with the
// `recorder` fixture plugin: every SDK event a plugin can see fires, in order, on the host thread.
#include "host_fixture.hpp"
#include "support/test_support.hpp"

#include <boost/asio/steady_timer.hpp>
#include <fstream>
#include <gtest/gtest.h>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>
#include <map>
#include <set>

namespace {

namespace fs = std::filesystem;
using namespace pico;

std::vector<nlohmann::json> read_lines(fs::path const& file)
{
    std::vector<nlohmann::json> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty())
            out.push_back(nlohmann::json::parse(line));
    }
    return out;
}

// Index of the first line with this event (and info hash, when given) at or after `from`; -1 if none.
long find_event(std::vector<nlohmann::json> const& lines, std::string const& name,
                std::string const& info_hash = {}, std::size_t from = 0)
{
    for (std::size_t i = from; i < lines.size(); ++i) {
        if (lines[i].value("event", "") == name &&
            (info_hash.empty() || lines[i].value("info_hash", "") == info_hash))
            return static_cast<long>(i);
    }
    return -1;
}

TEST(session_events, recorder_sees_the_lifecycle_in_order_on_the_host_thread)
{
    test_support::temp_dir tmp;
    auto const payload = tmp.path() / "seed" / "album";
    test_support::make_payload(payload,
                               {{"01.flac", 3 << 20}, {"02.flac", (1 << 20) + 17}, {"cover.jpg", 4096}}, 1);
    auto const torrent = tmp.path() / "album.torrent";
    // v1 only: libtorrent 2.0.8 sometimes stops a hybrid torrent fetched by magnet with "v1 and v2
    // hashes do not describe the same data" when the machine is loaded (about 1 run in 20 with six
    // at once). That is libtorrent's to fix; this test is about the events.
    test_support::make_torrent(payload, torrent, {.v1_only = true});
    // Rate-limited so the download spans several update batches on any machine.
    test_support::seeder seeder(torrent, tmp.path() / "seed", {.upload_rate_limit = 1 << 20});

    // A second torrent that never changes: it must not keep showing up in torrents_updated.
    auto const idle_payload = tmp.path() / "idle" / "idle.bin";
    test_support::make_payload(idle_payload.parent_path(), {{"idle.bin", 65536}}, 2);
    auto const idle_torrent = tmp.path() / "idle.torrent";
    test_support::make_torrent(idle_payload, idle_torrent, {});

    lt::torrent_info const ti(torrent.string());
    auto const magnet = lt::make_magnet_uri(ti);
    auto const events_file = tmp.path() / "events.jsonl";

    core::host_options options;
    options.config_file = test::write_loopback_config(tmp.path() / "PicoTorrent.json",
                                                      {{"recorder", {{"output", events_file.string()}}}});
    options.state_dir = tmp.path() / "state";
    options.save_path = (tmp.path() / "download").string();
    options.plugin_dirs = {PICO_FIXTURE_ROOT "/recorder"};
    options.plugins = std::vector<std::string>{"recorder"};
    options.torrents = {magnet};
    options.peers = {seeder.endpoint()};

    core::application app(options);
    test::watchdog guard(app, std::chrono::seconds(180));
    std::string info_hash, idle_hash;

    // The test drives the torrent through its life from the host thread, like a plugin would.
    std::vector<sdk::subscription> subs;
    auto& bus = app.events();
    subs.push_back(bus.subscribe("test", sdk::event_type::torrent_finished, [&](sdk::event const& e) {
        info_hash = static_cast<sdk::torrent_finished_event const&>(e).torrent.info_hash;
        EXPECT_TRUE(app.session().pause(info_hash));
    }));
    subs.push_back(bus.subscribe("test", sdk::event_type::torrent_paused, [&](sdk::event const& e) {
        auto const& t = static_cast<sdk::torrent_paused_event const&>(e).torrent;
        if (t.info_hash == info_hash) {
            EXPECT_TRUE(app.session().resume(info_hash));
        }
    }));
    subs.push_back(bus.subscribe("test", sdk::event_type::torrent_resumed, [&](sdk::event const& e) {
        auto const& t = static_cast<sdk::torrent_resumed_event const&>(e).torrent;
        if (t.info_hash == info_hash) {
            EXPECT_TRUE(app.session().remove(info_hash, sdk::remove_mode::keep_data));
        }
    }));
    subs.push_back(bus.subscribe("test", sdk::event_type::torrent_removed, [&](sdk::event const& e) {
        if (static_cast<sdk::torrent_removed_event const&>(e).info_hash == info_hash) {
            // Let a few more update batches pass, so "changed torrents only" is observable.
            auto timer = std::make_shared<boost::asio::steady_timer>(app.io(), std::chrono::seconds(3));
            timer->async_wait([&app, timer](boost::system::error_code const&) { app.request_stop(); });
        }
    }));

    ASSERT_TRUE(app.start());
    sdk::add_torrent_request idle;
    idle.location = idle_torrent.string();
    idle.paused = true;
    auto added = app.session().add(idle);
    ASSERT_TRUE(added.ok) << added.error;
    idle_hash = added.info_hash;
    EXPECT_EQ(app.run(), 0);

    auto const lines = read_lines(events_file);
    ASSERT_FALSE(lines.empty());
    ASSERT_FALSE(info_hash.empty());

    // Lifecycle order.
    long const loaded = find_event(lines, "plugin_loaded");
    long const started = find_event(lines, "host_started");
    long const add = find_event(lines, "torrent_added", info_hash);
    long const metadata = find_event(lines, "metadata_received", info_hash);
    long const updated =
        find_event(lines, "torrents_updated", {}, static_cast<std::size_t>(std::max(add, 0L)));
    long const finished = find_event(lines, "torrent_finished", info_hash);
    long const paused =
        find_event(lines, "torrent_paused", info_hash, static_cast<std::size_t>(std::max(finished, 0L)));
    long const resumed =
        find_event(lines, "torrent_resumed", info_hash, static_cast<std::size_t>(std::max(paused, 0L)));
    long const removed = find_event(lines, "torrent_removed", info_hash);
    long const stopping = find_event(lines, "host_stopping");
    for (auto [name, at] : std::map<std::string, long>{{"plugin_loaded", loaded},
                                                       {"host_started", started},
                                                       {"torrent_added", add},
                                                       {"metadata_received", metadata},
                                                       {"torrents_updated", updated},
                                                       {"torrent_finished", finished},
                                                       {"torrent_paused", paused},
                                                       {"torrent_resumed", resumed},
                                                       {"torrent_removed", removed},
                                                       {"host_stopping", stopping}})
        EXPECT_GE(at, 0) << name << " never fired";
    EXPECT_LT(loaded, started);
    EXPECT_LT(started, add);
    EXPECT_LT(add, metadata);
    EXPECT_LT(metadata, finished);
    EXPECT_LT(updated, finished);
    EXPECT_LT(finished, paused);
    EXPECT_LT(paused, resumed);
    EXPECT_LT(resumed, removed);
    EXPECT_LT(removed, stopping);
    EXPECT_GE(find_event(lines, "state_changed", info_hash), 0);
    EXPECT_GE(find_event(lines, "file_completed", info_hash), 0);
    EXPECT_GE(find_event(lines, "session_stats"), 0);

    // torrents_updated carries changed torrents only: the idle one shows up at most at its start.
    int batches_with_idle = 0, batches = 0;
    for (auto const& l : lines) {
        if (l.value("event", "") != "torrents_updated")
            continue;
        ++batches;
        for (auto const& h : l.at("info_hashes"))
            batches_with_idle += h == idle_hash;
    }
    EXPECT_GE(batches, 2);
    EXPECT_LE(batches_with_idle, 2) << "an unchanged torrent kept appearing in torrents_updated";

    // Every callback ran on one thread: the host thread (here, the test's own).
    std::set<std::string> threads;
    for (auto const& l : lines)
        threads.insert(l.at("thread").dump());
    EXPECT_EQ(threads.size(), 1u);

    // The payload arrived intact.
    EXPECT_TRUE(test_support::files_equal(payload, tmp.path() / "download" / "album"));
}

TEST(session_events, restart_restores_torrents_from_resume_data_without_downloading_again)
{
    test_support::temp_dir tmp;
    auto const payload = tmp.path() / "seed" / "data";
    test_support::make_payload(payload, {{"a.bin", 2 << 20}, {"b/c.bin", 300000}}, 3);
    auto const torrent = tmp.path() / "data.torrent";
    test_support::make_torrent(payload, torrent, {});

    core::host_options options;
    options.config_file = test::write_loopback_config(tmp.path() / "PicoTorrent.json");
    options.state_dir = tmp.path() / "state";
    options.save_path = (tmp.path() / "download").string();
    options.no_plugins = true;

    std::string info_hash;
    {
        test_support::seeder seeder(torrent, tmp.path() / "seed");
        auto first = options;
        first.torrents = {torrent.string()};
        first.peers = {seeder.endpoint()};
        core::application app(first);
        test::watchdog guard(app, std::chrono::seconds(120));
        auto sub =
            app.events().subscribe("test", sdk::event_type::torrent_finished, [&](sdk::event const& e) {
                info_hash = static_cast<sdk::torrent_finished_event const&>(e).torrent.info_hash;
                app.request_stop();
            });
        EXPECT_EQ(app.run(), 0);
    }
    ASSERT_FALSE(info_hash.empty());
    ASSERT_TRUE(fs::exists(tmp.path() / "state" / "resume" / (info_hash + ".resume")));

    // Second run: no seeder anywhere, no torrent on the command line.
    core::application app(options);
    test::watchdog guard(app, std::chrono::seconds(120));
    bool restored = false;
    auto sub = app.events().subscribe("test", sdk::event_type::torrent_added, [&](sdk::event const& e) {
        auto const& added = static_cast<sdk::torrent_added_event const&>(e);
        restored = added.restored && added.torrent.info_hash == info_hash;
    });
    boost::asio::steady_timer poll(app.io());
    std::function<void()> check = [&] {
        auto h = app.session().handle(info_hash);
        // Wait for the torrent_added event too: events are not delivered once stopping began.
        if (restored && h && h->status().state == lt::torrent_status::seeding) {
            EXPECT_EQ(h->status().total_payload_download, 0) << "restored torrent downloaded again";
            app.request_stop();
            return;
        }
        poll.expires_after(std::chrono::milliseconds(100));
        poll.async_wait([&](boost::system::error_code const& ec) {
            if (!ec)
                check();
        });
    };
    ASSERT_TRUE(app.start());
    check();
    EXPECT_EQ(app.run(), 0);
    EXPECT_TRUE(restored);
    EXPECT_TRUE(test_support::files_equal(payload, tmp.path() / "download" / "data"));
}

} // namespace
