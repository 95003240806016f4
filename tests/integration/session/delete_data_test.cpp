// "Remove with data" deletes only what this host put there (issue 9): a crafted torrent that
// names a file the user already had, removed with delete_data, leaves that file alone; files the
// host downloaded still go, with their empty folders.
#include "host_fixture.hpp"
#include "support/test_support.hpp"

#include <atomic>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <thread>

namespace {

namespace fs = std::filesystem;
using namespace pico;

std::string read_all(fs::path const& p)
{
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs a host with `torrent` saved into `save_path`; once added (and, with a seeder, finished),
// removes it with delete_data and stops when it is gone.
void add_then_remove_with_data(test_support::temp_dir const& tmp, fs::path const& torrent,
                               fs::path const& save_path, bool wait_for_finish, std::uint16_t peer_port = 0)
{
    core::host_options options;
    options.config_file =
        test_support::write_loopback_host_config(tmp.path() / "PicoTorrent.json", {}, peer_port);
    options.state_dir = tmp.path() / "state";
    options.save_path = save_path.string();
    options.plugins = std::vector<std::string>{};
    options.torrents = {torrent.string()};
    core::application app(options);
    test::watchdog guard(app, std::chrono::seconds(120));
    std::string hash;
    auto remove = [&] { EXPECT_TRUE(app.session().remove(hash, sdk::remove_mode::delete_data)); };
    auto on_added = app.events().subscribe("test", sdk::event_type::torrent_added, [&](sdk::event const& e) {
        hash = static_cast<sdk::torrent_added_event const&>(e).torrent.info_hash;
        if (!wait_for_finish)
            remove();
    });
    auto on_finished =
        app.events().subscribe("test", sdk::event_type::torrent_finished, [&](sdk::event const&) {
            if (wait_for_finish)
                remove();
        });
    auto on_removed = app.events().subscribe("test", sdk::event_type::torrent_removed,
                                             [&](sdk::event const&) { app.request_stop(); });
    EXPECT_EQ(app.run(), 0);
}

} // namespace

TEST(delete_data, a_file_the_user_had_before_the_torrent_is_kept)
{
    test_support::temp_dir tmp;
    // The attacker's torrent names victim/notes.txt (and a file of its own).
    auto const crafted = tmp.path() / "craft" / "victim";
    fs::create_directories(crafted);
    std::ofstream(crafted / "notes.txt") << "attacker's bytes";
    std::ofstream(crafted / "extra.bin") << "more";
    auto const torrent = tmp.path() / "crafted.torrent";
    test_support::make_torrent(crafted, torrent, {});
    // The user's own file at that very path.
    auto const downloads = tmp.path() / "downloads";
    fs::create_directories(downloads / "victim");
    std::ofstream(downloads / "victim" / "notes.txt") << "mine";

    add_then_remove_with_data(tmp, torrent, downloads, false);

    ASSERT_TRUE(fs::exists(downloads / "victim" / "notes.txt")) << "delete_data took a file it never wrote";
    EXPECT_EQ(read_all(downloads / "victim" / "notes.txt"), "mine");
    EXPECT_FALSE(fs::exists(tmp.path() / "state" / "foreign" / "crafted.json"));
    for (auto const& e : fs::directory_iterator(tmp.path() / "state" / "foreign"))
        EXPECT_EQ(e.path().filename(), "ours.json") << "a torrent's record goes with it";
}

TEST(delete_data, files_the_host_downloaded_are_deleted_with_their_folder)
{
    test_support::temp_dir tmp;
    test_support::make_payload(tmp.path() / "seed", {{"album/a.bin", 300000}, {"album/sub/b.bin", 200000}},
                               3);
    auto const torrent = tmp.path() / "album.torrent";
    test_support::make_torrent(tmp.path() / "seed" / "album", torrent, {});
    test_support::seeder seed(torrent, tmp.path() / "seed");
    auto const downloads = tmp.path() / "downloads";
    fs::create_directories(downloads);
    std::ofstream(downloads / "unrelated.txt") << "stays";
    std::uint16_t const port = test_support::free_tcp_port();
    // The seeder dials the host until the test ends (the host has no --peer for in-process runs).
    std::atomic<bool> done{false};
    std::thread dialer([&] {
        lt::tcp::endpoint const host(lt::make_address_v4("127.0.0.1"), port);
        while (!done) {
            seed.handle().connect_peer(host);
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        }
    });
    add_then_remove_with_data(tmp, torrent, downloads, true, port);
    done = true;
    dialer.join();

    EXPECT_FALSE(fs::exists(downloads / "album")) << "the downloaded files and their folders go";
    EXPECT_EQ(read_all(downloads / "unrelated.txt"), "stays");
}
