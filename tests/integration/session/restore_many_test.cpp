// Restoring more saved torrents than libtorrent's default alert queue holds (2000 alerts, three
// times that for high-priority ones like add_torrent_alert): every one is
// in the session when start() returns, and every one is announced once as restored (before the
// batch restore, the alerts past the queue's bound were dropped and those torrents were never
// announced).
#include "host_fixture.hpp"
#include "persistence/resume_store.hpp"
#include "support/temp_dir.hpp"
#include "util/info_hash.hpp"

#include <boost/asio/steady_timer.hpp>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <libtorrent/create_torrent.hpp>
#include <libtorrent/hasher.hpp>
#include <libtorrent/torrent_flags.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/write_resume_data.hpp>
#include <set>

namespace {

namespace fs = std::filesystem;
using namespace pico;

// A one-piece torrent that exists only in its resume data (paused: nothing is read or fetched).
lt::add_torrent_params saved_torrent(int i, fs::path const& save_path)
{
    lt::file_storage files;
    files.add_file("many/t" + std::to_string(i) + ".bin", 16 * 1024);
    lt::create_torrent ct(files, 16 * 1024, lt::create_torrent::v1_only);
    std::string const seed = "piece of torrent " + std::to_string(i);
    ct.set_hash(lt::piece_index_t(0), lt::hasher(seed.data(), static_cast<int>(seed.size())).final());
    std::vector<char> buf;
    lt::bencode(std::back_inserter(buf), ct.generate());
    lt::add_torrent_params atp;
    atp.ti = std::make_shared<lt::torrent_info>(buf, lt::from_span);
    atp.save_path = save_path.string();
    atp.flags = lt::torrent_flags::paused;
    return atp;
}

TEST(restore_many, every_saved_torrent_is_in_the_session_at_start_and_announced_once)
{
    constexpr int count = 6500;
    test_support::temp_dir tmp;
    std::set<std::string> saved;
    // Written directly (resume_store::save fsyncs every file: seconds for this many).
    persistence::resume_store const store(tmp.path() / "state");
    fs::create_directories(store.resume_file("x").parent_path());
    for (int i = 0; i < count; ++i) {
        auto atp = saved_torrent(i, tmp.path() / "download");
        auto const key = util::info_hash_string(atp.ti->info_hashes());
        auto const buf = lt::write_resume_data_buf(atp);
        std::ofstream(store.resume_file(key), std::ios::binary)
            .write(buf.data(), static_cast<std::streamsize>(buf.size()));
        saved.insert(key);
    }

    core::host_options options;
    options.config_file = test::write_loopback_config(tmp.path() / "PicoTorrent.json");
    options.state_dir = tmp.path() / "state";
    options.save_path = (tmp.path() / "download").string();
    options.no_plugins = true;
    core::application app(options);
    test::watchdog guard(app, std::chrono::seconds(120));
    std::multiset<std::string> announced;
    auto sub = app.events().subscribe("test", sdk::event_type::torrent_added, [&](sdk::event const& e) {
        auto const& added = static_cast<sdk::torrent_added_event const&>(e);
        EXPECT_TRUE(added.restored) << added.torrent.info_hash;
        announced.insert(added.torrent.info_hash);
    });
    ASSERT_TRUE(app.start());
    int missing = 0;
    for (auto const& ih : saved)
        missing += app.session().handle(ih) ? 0 : 1;
    EXPECT_EQ(missing, 0) << "restored torrents without a handle right after start()";

    // Alerts arrive over a few host-loop turns; stop once every torrent is announced, or after
    // a long grace period (the watchdog is the backstop) to report what is missing.
    auto const deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    boost::asio::steady_timer poll(app.io());
    std::function<void()> check = [&] {
        if (announced.size() >= saved.size() || std::chrono::steady_clock::now() > deadline) {
            app.request_stop();
            return;
        }
        poll.expires_after(std::chrono::milliseconds(100));
        poll.async_wait([&](boost::system::error_code const& ec) {
            if (!ec)
                check();
        });
    };
    check();
    EXPECT_EQ(app.run(), 0);
    EXPECT_EQ(announced.size(), saved.size())
        << "torrent_added events (restored) for " << count << " saved torrents";
    std::size_t unannounced = 0;
    for (auto const& ih : saved)
        unannounced += announced.count(ih) == 1 ? 0 : 1;
    EXPECT_EQ(unannounced, 0U) << "saved torrents not announced exactly once";
}

} // namespace
