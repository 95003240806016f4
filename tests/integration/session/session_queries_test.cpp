// The SDK 1.1 detail queries through the real plugin_host on a real session: peers and
// trackers of a torrent downloading from a loopback seeder, session statistics, rate limits
// and queue moves.
#include "core/plugin_host.hpp"
#include "host_fixture.hpp"
#include "support/test_support.hpp"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <gtest/gtest.h>
#include <libtorrent/torrent_info.hpp>
#include <memory>

namespace {

namespace fs = std::filesystem;
using namespace pico;

// Calls `step` every 100 ms on the host thread until it returns true.
void poll(core::application& app, std::function<bool()> step)
{
    auto timer = std::make_shared<boost::asio::steady_timer>(app.io());
    auto tick = std::make_shared<std::function<void()>>();
    *tick = [timer, tick, step = std::move(step)] {
        if (step()) {
            *tick = nullptr; // break the cycle
            return;
        }
        timer->expires_after(std::chrono::milliseconds(100));
        timer->async_wait([timer, tick](boost::system::error_code const& ec) {
            if (!ec && *tick)
                (*tick)();
        });
    };
    (*tick)();
}

core::host_options loopback_options(test_support::temp_dir const& tmp)
{
    core::host_options options;
    options.config_file = test::write_loopback_config(tmp.path() / "PicoTorrent.json");
    options.state_dir = tmp.path() / "state";
    options.save_path = (tmp.path() / "download").string();
    options.no_plugins = true;
    options.persist = false;
    return options;
}

TEST(session_queries, peers_trackers_and_statistics_of_a_loopback_download)
{
    test_support::temp_dir tmp;
    auto const payload = tmp.path() / "seed" / "big.bin";
    test_support::make_payload(payload.parent_path(), {{"big.bin", 3 << 20}}, 3);
    auto const torrent = tmp.path() / "big.torrent";
    auto const dead_tracker =
        "http://127.0.0.1:" + std::to_string(test_support::free_tcp_port()) + "/announce";
    test_support::make_torrent(payload, torrent, {.trackers = {dead_tracker}, .v1_only = true});
    // Rate-limited so the peer is still connected while the test looks at it.
    test_support::seeder seeder(torrent, tmp.path() / "seed", {.upload_rate_limit = 1 << 20});

    auto options = loopback_options(tmp);
    options.torrents = {torrent.string()};
    options.peers = {seeder.endpoint()};
    core::application app(options);
    test::watchdog guard(app, std::chrono::seconds(120));
    core::plugin_host host(app, "test", tmp.path());

    std::string ih;
    bool saw_peer = false, saw_tracker_failure = false, saw_totals = false;
    sdk::peer_entry peer;
    sdk::tracker_entry tracker;
    sdk::session_statistics during, after;
    ASSERT_TRUE(app.start());
    poll(app, [&] {
        auto all = host.torrents();
        if (all.empty())
            return false;
        ih = all.front().info_hash;
        if (!saw_peer) {
            for (auto const& p : host.peers(ih)) {
                // Connecting peers show up before the handshake told their client and pieces.
                if (p.address == seeder.endpoint() && !p.client.empty() && p.progress > 0.0) {
                    peer = p;
                    saw_peer = true;
                    during = host.session_stats();
                }
            }
        }
        if (!saw_tracker_failure) {
            auto const trackers = host.trackers(ih);
            if (!trackers.empty() && trackers.front().status == "not working") {
                tracker = trackers.front();
                saw_tracker_failure = true;
            }
        }
        auto const t = host.find_torrent(ih);
        if (t && t->progress >= 1.0 && t->state == sdk::torrent_state::seeding) {
            after = host.session_stats();
            saw_totals = after.total_downloaded >= t->size;
        }
        if (saw_peer && saw_tracker_failure && saw_totals) {
            app.request_stop();
            return true;
        }
        return false;
    });
    EXPECT_EQ(app.run(), 0);

    ASSERT_TRUE(saw_peer);
    // We dialled the seeder: an outgoing connection, so no 'I'; libtorrent names itself in the extension
    // handshake ("libtorrent/2.0.8.0").
    EXPECT_EQ(peer.flags.find('I'), std::string::npos) << peer.flags;
    EXPECT_NE(peer.client.find("libtorrent"), std::string::npos) << peer.client;
    EXPECT_GE(peer.progress, 0.99); // the seeder has everything
    EXPECT_EQ(during.torrents_total, 1);
    EXPECT_EQ(during.torrents_downloading, 1);
    EXPECT_GT(during.free_space, 0);
    ASSERT_FALSE(during.listen_endpoints.empty());
    EXPECT_EQ(during.listen_endpoints.front(), "127.0.0.1:" + std::to_string(app.session().listen_port()));

    ASSERT_TRUE(saw_tracker_failure);
    EXPECT_EQ(tracker.url, dead_tracker);
    EXPECT_EQ(tracker.tier, 0);
    EXPECT_FALSE(tracker.message.empty());

    ASSERT_TRUE(saw_totals);
    EXPECT_EQ(after.torrents_seeding, 1);
    EXPECT_EQ(after.torrents_downloading, 0);
    // Unknown torrents answer empty, not with someone else's data.
    EXPECT_TRUE(host.peers("00" + ih.substr(2)).empty());
    EXPECT_TRUE(host.trackers("nonsense").empty());
}

TEST(session_queries, rate_limits_and_queue_moves)
{
    test_support::temp_dir tmp;
    std::vector<std::string> torrents;
    for (int i = 0; i < 3; ++i) {
        auto const name = "q" + std::to_string(i);
        test_support::make_payload(tmp.path() / "src", {{name + ".bin", 40000}},
                                   static_cast<std::uint32_t>(10 + i));
        auto const file = tmp.path() / (name + ".torrent");
        test_support::make_torrent(tmp.path() / "src" / (name + ".bin"), file, {});
        torrents.push_back(file.string());
    }
    auto options = loopback_options(tmp);
    core::application app(options);
    test::watchdog guard(app, std::chrono::seconds(60));
    core::plugin_host host(app, "test", tmp.path());
    ASSERT_TRUE(app.start());

    std::vector<std::string> hashes;
    for (auto const& t : torrents) {
        sdk::add_torrent_request r;
        r.location = t;
        auto const added = host.add_torrent(r);
        ASSERT_TRUE(added.ok) << added.error;
        hashes.push_back(added.info_hash);
    }
    auto order = [&] {
        auto all = host.torrents();
        std::sort(all.begin(), all.end(),
                  [](auto const& a, auto const& b) { return a.queue_position < b.queue_position; });
        std::vector<std::string> out;
        for (auto const& t : all)
            out.push_back(t.info_hash);
        return out;
    };
    poll(app, [&] {
        if (host.torrents().size() < 3)
            return false;
        EXPECT_EQ(order(), hashes);
        EXPECT_TRUE(host.move_in_queue(hashes[2], sdk::queue_move::top));
        EXPECT_EQ(order(), (std::vector<std::string>{hashes[2], hashes[0], hashes[1]}));
        EXPECT_TRUE(host.move_in_queue(hashes[2], sdk::queue_move::bottom));
        EXPECT_EQ(order(), hashes);
        EXPECT_TRUE(host.move_in_queue(hashes[1], sdk::queue_move::up));
        EXPECT_EQ(order(), (std::vector<std::string>{hashes[1], hashes[0], hashes[2]}));
        EXPECT_TRUE(host.move_in_queue(hashes[1], sdk::queue_move::down));
        EXPECT_EQ(order(), hashes);
        EXPECT_FALSE(host.move_in_queue("ffff", sdk::queue_move::top));

        EXPECT_TRUE(host.set_torrent_limits(hashes[0], {1000, 2000}).ok);
        auto const limits = host.torrent_limits(hashes[0]);
        EXPECT_TRUE(limits && limits->download == 1000 && limits->upload == 2000);
        EXPECT_TRUE(host.set_torrent_limits(hashes[0], {0, 0}).ok);
        auto const cleared = host.torrent_limits(hashes[0]);
        EXPECT_TRUE(cleared && cleared->download == 0 && cleared->upload == 0);
        EXPECT_FALSE(host.set_torrent_limits(hashes[0], {-5, 0}).ok);
        EXPECT_FALSE(host.set_torrent_limits("ffff", {1, 1}).ok);
        EXPECT_FALSE(host.torrent_limits("ffff"));

        EXPECT_TRUE(host.set_global_limits({5000, 0}).ok);
        EXPECT_EQ(host.global_limits().download, 5000);
        EXPECT_EQ(host.global_limits().upload, 0);
        EXPECT_EQ(std::get<std::int64_t>(*host.setting("download_rate_limit")), 5000);
        auto const too_big = host.set_global_limits({std::int64_t(1) << 40, 0});
        EXPECT_FALSE(too_big.ok);
        EXPECT_EQ(host.global_limits().download, 5000); // unchanged by the refused call
        app.request_stop();
        return true;
    });
    EXPECT_EQ(app.run(), 0);
}

} // namespace
