// PEX (ut_pex, issue 9): a leecher told only about one peer learns a third peer from it and
// downloads from that third peer.
//
// A seeds. B is a leecher connected to A whose rates are throttled to a trickle, so it can neither
// finish nor serve the payload. C is given only B's address; DHT, LSD and trackers are off, so
// B's ut_pex message is the only way C can hear of A, and without A it cannot finish.
#include "support/test_support.hpp"

#include <gtest/gtest.h>
#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/ip_filter.hpp>
#include <libtorrent/peer_info.hpp>
#include <libtorrent/session.hpp>
#include <libtorrent/torrent_flags.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>

namespace fs = std::filesystem;
namespace ts = pico::test_support;
using namespace std::chrono_literals;

namespace {

// A loopback session with these download and upload limits in bytes per second (0: none),
// loopback peers included (libtorrent exempts them otherwise).
std::unique_ptr<lt::session> make_session(int download_limit, int upload_limit)
{
    auto settings = ts::loopback_settings();
    settings.set_int(lt::settings_pack::download_rate_limit, download_limit);
    settings.set_int(lt::settings_pack::upload_rate_limit, upload_limit);
    auto session = std::make_unique<lt::session>(lt::session_params(std::move(settings)));
    auto filter = session->get_peer_class_filter();
    filter.add_rule(lt::make_address("127.0.0.0"), lt::make_address("127.255.255.255"),
                    1u << static_cast<std::uint32_t>(lt::session::global_peer_class_id));
    session->set_peer_class_filter(filter);
    return session;
}

lt::torrent_handle add_leecher(lt::session& session, fs::path const& torrent, fs::path const& save_path)
{
    lt::add_torrent_params atp;
    atp.ti = std::make_shared<lt::torrent_info>(torrent.string());
    atp.save_path = save_path.string();
    atp.flags &= ~(lt::torrent_flags::auto_managed | lt::torrent_flags::paused);
    return session.add_torrent(std::move(atp));
}

// The peer C has at A's listen endpoint, if any.
std::optional<lt::peer_info> peer_at(lt::torrent_handle const& h, std::uint16_t port)
{
    std::vector<lt::peer_info> peers;
    h.get_peer_info(peers);
    for (auto const& p : peers)
        if (p.ip.address() == lt::make_address("127.0.0.1") && p.ip.port() == port)
            return p;
    return std::nullopt;
}

} // namespace

TEST(pex, leecher_learns_the_seed_only_through_ut_pex)
{
    ts::temp_dir dir;
    auto const payload = dir.path() / "a" / "payload.bin";
    std::int64_t const size = 2 * 1024 * 1024;
    ts::make_payload(payload.parent_path(), {{"payload.bin", size}}, 11);
    auto const torrent = dir.path() / "payload.torrent";
    ts::torrent_options options;
    options.piece_size = 64 * 1024;
    ts::make_torrent(payload, torrent, options);

    ts::seeder a(torrent, dir.path() / "a");
    auto b_session = make_session(4 * 1024, 1024);
    auto b = add_leecher(*b_session, torrent, dir.path() / "b");
    b.connect_peer({lt::make_address("127.0.0.1"), a.port()});
    ASSERT_TRUE(ts::wait_until([&] { return b.status().num_peers > 0; }, 30s)) << "B never connected to A";

    // C is throttled too, to 1 MiB/s: a seed drops a peer once it is a seed itself, so C's
    // connection to A lasts about two seconds, and the test needs to look at it meanwhile.
    auto c_session = make_session(1024 * 1024, 0);
    auto c = add_leecher(*c_session, torrent, dir.path() / "c");
    ASSERT_TRUE(ts::wait_until([&] { return b_session->listen_port() != 0; }, 30s));
    c.connect_peer({lt::make_address("127.0.0.1"), b_session->listen_port()});

    // ut_pex sends its first peer list about a second after the extension handshake. C drops A
    // once it is a seed itself, so its record of A is kept from the last look while downloading.
    std::optional<lt::peer_info> from_a;
    bool const done = ts::wait_until(
        [&] {
            if (auto p = peer_at(c, a.port()))
                from_a = p;
            return c.status().is_seeding;
        },
        60s, 50ms);
    ASSERT_TRUE(done) << "C did not finish; C met A: " << from_a.has_value();
    std::string why;
    EXPECT_TRUE(ts::files_equal(payload, dir.path() / "c" / "payload.bin", &why)) << why;

    // C's record of A: learned through PEX and nothing else; A served most of the payload (B got
    // only a trickle from it, so the rest went to C).
    ASSERT_TRUE(from_a.has_value()) << "C is not connected to A at " << a.endpoint();
    EXPECT_TRUE(from_a->source & lt::peer_info::pex) << "source flags " << static_cast<int>(from_a->source);
    EXPECT_FALSE(from_a->source & (lt::peer_info::tracker | lt::peer_info::dht | lt::peer_info::lsd |
                                   lt::peer_info::resume_data | lt::peer_info::incoming));
    EXPECT_GT(from_a->total_download, 0);
    EXPECT_GT(a.uploaded(), size / 2);
    EXPECT_LT(b.status().total_payload_upload, size / 2) << "B was meant to be unable to serve the payload";
}
