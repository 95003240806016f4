// A magnet without a file selection is held at "don't download" until its metadata has been
// through the filters. libtorrent applies the chosen priorities on its disk thread, so for a
// moment after metadata_received it still reports nothing wanted: the host must keep calling
// the files held until then, or `download` reads an empty selection and gives up. A disk I/O
// that applies priorities 300 ms late makes that window wide enough to be seen every time.
#include "host_fixture.hpp"
#include "support/payload.hpp"
#include "support/seeder.hpp"
#include "support/slow_priority_disk_io.hpp"
#include "support/temp_dir.hpp"
#include "support/torrent_maker.hpp"

#include <boost/asio/post.hpp>
#include <functional>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>

namespace pico {
namespace {

TEST(held_magnet, files_stay_held_until_libtorrent_applies_the_chosen_priorities)
{
    test_support::temp_dir tmp;
    auto const payload = tmp.path() / "seed" / "set";
    test_support::make_payload(payload, {{"a.bin", 1 << 20}, {"b.bin", 1 << 20}, {"c.txt", 999}}, 7);
    auto const torrent = tmp.path() / "set.torrent";
    test_support::make_torrent(payload, torrent, {.v1_only = true});
    test_support::seeder seeder(torrent, tmp.path() / "seed");

    core::host_options options;
    options.config_file = test::write_loopback_config(tmp.path() / "PicoTorrent.json");
    options.state_dir = tmp.path() / "state";
    options.save_path = (tmp.path() / "download").string();
    options.plugins = std::vector<std::string>{};
    options.torrents = {lt::make_magnet_uri(lt::torrent_info(torrent.string()))};
    options.peers = {seeder.endpoint()};
    // Priorities take 300 ms to apply, as on a busy machine, so the window cannot be missed.
    options.wrap_disk_io = [](lt::disk_io_constructor_type inner) {
        return test_support::slow_priority_disk_io::wrap(std::move(inner), std::chrono::milliseconds(300));
    };

    core::application app(options);
    test::watchdog guard(app, std::chrono::seconds(120));
    std::string info_hash;
    int looks_empty = 0, observations = 0;
    bool saw_metadata = false;
    // From the end of the metadata event on, every turn of the host loop looks at the torrent
    // the way `download` does, until libtorrent reports the files wanted.
    std::function<void()> observe = [&] {
        bool const held = app.session().files_held(info_hash); // first, as `download` asks
        auto const t = app.session().find(info_hash);
        ASSERT_TRUE(t);
        ++observations;
        if (t->total_wanted > 0) {
            app.request_stop();
            return;
        }
        if (!held)
            ++looks_empty;
        boost::asio::post(app.io(), observe);
    };
    std::vector<sdk::subscription> subs;
    subs.push_back(app.events().subscribe("test", sdk::event_type::torrent_added, [&](sdk::event const& e) {
        info_hash = static_cast<sdk::torrent_added_event const&>(e).torrent.info_hash;
    }));
    subs.push_back(app.events().subscribe("test", sdk::event_type::metadata_received, [&](sdk::event const&) {
        saw_metadata = true;
        EXPECT_TRUE(app.session().files_held(info_hash)) << "held while the event runs";
        boost::asio::post(app.io(), observe);
    }));

    ASSERT_TRUE(app.start());
    EXPECT_EQ(app.run(), 0);
    EXPECT_TRUE(saw_metadata);
    EXPECT_GE(observations, 1);
    EXPECT_EQ(looks_empty, 0) << "the host released the files before libtorrent applied their priorities";
}

} // namespace
} // namespace pico
