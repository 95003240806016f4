// A hybrid torrent whose v1 and v2 hashes describe different data makes libtorrent stop it with
// "v1 and v2 hashes do not describe the same data", the error libtorrent 2.0.8 sometimes raises
// wrongly for magnet downloads. The host recovers once (clears it, checks again, logs it), and
// reports the error, once, only when the second check fails the same way.
#include "host_fixture.hpp"
#include "support/test_support.hpp"
#include "util/atomic_file.hpp"

#include <boost/asio/steady_timer.hpp>
#include <gtest/gtest.h>
#include <libtorrent/bdecode.hpp>
#include <libtorrent/bencode.hpp>
#include <libtorrent/entry.hpp>

namespace {

namespace fs = std::filesystem;
using namespace pico;

lt::entry read_torrent(fs::path const& file)
{
    auto const buf = util::read_file(file);
    return lt::entry(lt::bdecode(lt::span<char const>(buf.data(), static_cast<std::ptrdiff_t>(buf.size()))));
}

// A hybrid torrent with the v1 piece hashes of `v1_data` and the v2 hash trees of `v2_data`
// (same file names and sizes, other bytes).
void make_inconsistent_torrent(fs::path const& v1_data, fs::path const& v2_data, fs::path const& out)
{
    auto const v1_file = out.parent_path() / "v1.torrent";
    test_support::make_torrent(v1_data, v1_file, {.piece_size = 16384});
    test_support::make_torrent(v2_data, out, {.piece_size = 16384});
    auto mixed = read_torrent(out);
    mixed["info"]["pieces"] = read_torrent(v1_file)["info"]["pieces"];
    std::string buf;
    lt::bencode(std::back_inserter(buf), mixed);
    util::write_file_atomically(out, buf);
}

int count(std::string const& text, std::string const& needle)
{
    int n = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
        ++n;
    return n;
}

TEST(hash_conflict, inconsistent_hybrid_torrent_is_rechecked_once_then_reported_once)
{
    test_support::temp_dir tmp;
    std::vector<test_support::payload_file> const files{{"a.bin", 100000}, {"b.bin", 60000}};
    test_support::make_payload(tmp.path() / "disk" / "thing", files, 1);
    test_support::make_payload(tmp.path() / "other" / "thing", files, 2);
    auto const torrent = tmp.path() / "thing.torrent";
    make_inconsistent_torrent(tmp.path() / "disk" / "thing", tmp.path() / "other" / "thing", torrent);

    core::host_options options;
    options.config_file = test::write_loopback_config(tmp.path() / "PicoTorrent.json");
    options.state_dir = tmp.path() / "state";
    options.save_path = (tmp.path() / "disk").string();
    options.no_plugins = true;
    options.torrents = {torrent.string()};

    core::application app(options);
    test::watchdog guard(app, std::chrono::seconds(120));
    int errors = 0, checks = 0;
    std::string message;
    auto on_state = app.events().subscribe("test", sdk::event_type::state_changed, [&](sdk::event const& e) {
        if (static_cast<sdk::state_changed_event const&>(e).current == sdk::torrent_state::checking_files)
            ++checks;
    });
    auto on_error = app.events().subscribe("test", sdk::event_type::torrent_error, [&](sdk::event const& e) {
        message = static_cast<sdk::torrent_error_event const&>(e).message;
        if (++errors > 1)
            return;
        // Let any repeat of the error arrive before stopping.
        auto timer = std::make_shared<boost::asio::steady_timer>(app.io(), std::chrono::seconds(2));
        timer->async_wait([&app, timer](boost::system::error_code const&) { app.request_stop(); });
    });
    EXPECT_EQ(app.run(), 0);

    EXPECT_EQ(errors, 1) << "libtorrent sends one alert per piece; plugins hear of the error once";
    EXPECT_NE(message.find("v1 and v2 hashes do not describe the same data"), std::string::npos) << message;
    EXPECT_GE(checks, 2) << "the files were checked again before the error was reported";
    auto const log = util::read_file(tmp.path() / "state" / "picotorrent.log");
    EXPECT_EQ(count(log, "checking its files again (once)"), 1) << log;
}

} // namespace
