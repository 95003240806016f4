// Snapshots from hand-made statuses (every computed field) and from a real loopback session.
#include "session/snapshot.hpp"
#include "support/test_support.hpp"
#include "util/info_hash.hpp"

#include <ctime>
#include <gtest/gtest.h>
#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/error_code.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/session.hpp>
#include <libtorrent/torrent_flags.hpp>

namespace {

namespace fs = std::filesystem;
using namespace pico;
using namespace pico::session;
using namespace std::chrono_literals;
using lts = lt::torrent_status;

TEST(snapshot, computes_eta_from_wanted_bytes_and_rate)
{
    lt::torrent_status st;
    st.state = lts::downloading;
    st.total_wanted = 10000;
    st.total_wanted_done = 2500;
    st.download_payload_rate = 1000;
    EXPECT_EQ(make_snapshot(st).eta, 8) << "7.5 s rounds up";
    st.download_payload_rate = 0;
    EXPECT_EQ(make_snapshot(st).eta, -1) << "unknown at 0 B/s";
    st.download_payload_rate = 1000;
    st.total_wanted_done = st.total_wanted;
    EXPECT_EQ(make_snapshot(st).eta, -1) << "nothing left";
}

TEST(snapshot, ratio_is_all_time_up_over_down)
{
    lt::torrent_status st;
    st.all_time_upload = 3000;
    EXPECT_EQ(make_snapshot(st).ratio, 0.0) << "nothing downloaded";
    st.all_time_download = 2000;
    auto const s = make_snapshot(st);
    EXPECT_DOUBLE_EQ(s.ratio, 1.5);
    EXPECT_EQ(s.all_time_upload, 3000);
    EXPECT_EQ(s.all_time_download, 2000);
}

TEST(snapshot, peer_totals_prefer_scrape_counts_then_peer_list_then_connected)
{
    lt::torrent_status st;
    st.num_seeds = 2;
    st.num_peers = 5; // 2 seeds + 3 others connected
    st.list_seeds = 4;
    st.list_peers = 10;
    auto s = make_snapshot(st);
    EXPECT_EQ(s.seeds_connected, 2);
    EXPECT_EQ(s.nonseeds_connected, 3);
    EXPECT_EQ(s.seeds_total, 4);
    EXPECT_EQ(s.nonseeds_total, 6);

    st.list_seeds = 0;
    st.list_peers = 0;
    s = make_snapshot(st);
    EXPECT_EQ(s.seeds_total, 2);
    EXPECT_EQ(s.nonseeds_total, 3);

    st.num_complete = 40;
    st.num_incomplete = 70;
    s = make_snapshot(st);
    EXPECT_EQ(s.seeds_total, 40);
    EXPECT_EQ(s.nonseeds_total, 70);
}

TEST(snapshot, copies_identity_and_progress_fields)
{
    lt::torrent_status st;
    auto const ih = util::parse_info_hash("0123456789abcdef0123456789abcdef01234567");
    st.info_hashes = *ih;
    st.name = "name";
    st.save_path = "/save/here";
    st.queue_position = lt::queue_position_t{3};
    st.total = 123456;
    st.progress = 0.25f;
    st.added_time = 1700000000;
    st.state = lts::downloading;
    st.flags = lt::torrent_flags::auto_managed;
    st.download_payload_rate = 10;
    st.upload_payload_rate = 20;
    st.has_metadata = true;
    st.total_wanted = 1000;
    st.total_wanted_done = 250;
    auto const s = make_snapshot(st);
    EXPECT_EQ(s.info_hash, "0123456789abcdef0123456789abcdef01234567");
    EXPECT_EQ(s.info_hash_v2, "");
    EXPECT_EQ(s.name, "name");
    EXPECT_EQ(s.save_path, "/save/here");
    EXPECT_EQ(s.queue_position, 3);
    EXPECT_EQ(s.size, 123456);
    EXPECT_DOUBLE_EQ(s.progress, 0.25);
    EXPECT_EQ(s.added_time, 1700000000);
    EXPECT_EQ(s.state, sdk::torrent_state::downloading);
    EXPECT_EQ(s.status, sdk::status_code::downloading);
    EXPECT_FALSE(s.paused);
    EXPECT_TRUE(s.auto_managed);
    EXPECT_TRUE(s.has_metadata);
    EXPECT_EQ(s.download_rate, 10);
    EXPECT_EQ(s.upload_rate, 20);
    EXPECT_EQ(s.total_wanted, 1000);
    EXPECT_EQ(s.total_wanted_done, 250);
    EXPECT_EQ(s.error, "");

    st.queue_position = lt::queue_position_t{-1};
    EXPECT_EQ(make_snapshot(st).queue_position, -1);

    // Seeding: libtorrent's `total` drops to 0 and every byte is wanted.
    st.state = lts::seeding;
    st.total = 0;
    st.total_wanted = st.total_wanted_done = 123456;
    EXPECT_EQ(make_snapshot(st).size, 123456);
}

TEST(snapshot, error_text_names_the_file_or_component)
{
    auto const ec = lt::errors::make_error_code(lt::errors::file_collision);
    lt::torrent_status st;
    st.errc = ec;
    auto s = make_snapshot(st);
    EXPECT_EQ(s.error, ec.message());
    EXPECT_EQ(s.status, sdk::status_code::error);

    st.error_file = lt::file_index_t{1};
    EXPECT_EQ(make_snapshot(st).error, ec.message() + " (file #1)") << "no metadata at hand";
    st.error_file = lts::error_file_partfile;
    EXPECT_EQ(make_snapshot(st).error, ec.message() + " (part file)");
    st.error_file = lts::error_file_metadata;
    EXPECT_EQ(make_snapshot(st).error, ec.message() + " (metadata)");

    test_support::temp_dir tmp;
    test_support::make_payload(tmp.path() / "t", {{"a.bin", 1000}, {"b.bin", 2000}}, 1);
    test_support::make_torrent(tmp.path() / "t", tmp.path() / "t.torrent", {.v1_only = true});
    auto const ti = std::make_shared<lt::torrent_info const>((tmp.path() / "t.torrent").string());
    auto const second = ti->files().file_path(lt::file_index_t{1});
    EXPECT_EQ(describe_error(ec, lt::file_index_t{1}, ti), ec.message() + " (file: " + second + ")");
    EXPECT_EQ(describe_error(ec, lt::file_index_t{7}, ti), ec.message() + " (file #7)");
    EXPECT_EQ(describe_error(lt::error_code(), lt::file_index_t{1}, ti), "");
}

// A real torrent in a real loopback session.
class snapshot_session : public ::testing::Test {
  protected:
    snapshot_session() : ses(lt::session_params(test_support::loopback_settings()))
    {
        payload = tmp.path() / "seed" / "album";
        total = test_support::make_payload(payload, {{"a.bin", 300000}, {"b/c.bin", 70000}}, 4);
        torrent = tmp.path() / "album.torrent";
        hashes = test_support::make_torrent(payload, torrent, {});
    }

    lt::torrent_handle add(fs::path const& save_path, lt::torrent_flags_t flags,
                           std::vector<lt::download_priority_t> priorities = {})
    {
        lt::add_torrent_params atp;
        atp.ti = std::make_shared<lt::torrent_info>(torrent.string());
        atp.save_path = save_path.string();
        atp.flags = flags;
        atp.file_priorities = std::move(priorities);
        return ses.add_torrent(std::move(atp));
    }

    test_support::temp_dir tmp;
    lt::session ses;
    fs::path payload, torrent;
    std::int64_t total = 0;
    lt::info_hash_t hashes;
};

TEST_F(snapshot_session, a_seeding_torrent)
{
    auto const before = std::time(nullptr);
    auto const h = add(tmp.path() / "seed", lt::torrent_flags::auto_managed);
    ASSERT_TRUE(test_support::wait_until([&] { return h.status().is_seeding; }, 60s));
    auto const s = make_snapshot(h.status());
    EXPECT_EQ(s.info_hash, util::info_hash_string(hashes));
    EXPECT_EQ(s.info_hash.size(), 40u);
    EXPECT_EQ(s.info_hash_v2, util::v2_hash_string(hashes));
    EXPECT_EQ(s.info_hash_v2.size(), 64u) << "make_torrent makes hybrids";
    EXPECT_EQ(s.name, "album");
    EXPECT_EQ(s.size, total);
    EXPECT_EQ(s.save_path, (tmp.path() / "seed").string());
    EXPECT_DOUBLE_EQ(s.progress, 1.0);
    EXPECT_EQ(s.state, sdk::torrent_state::seeding);
    EXPECT_EQ(s.status, sdk::status_code::uploading_stalled) << "auto-managed, nobody to upload to";
    EXPECT_TRUE(s.has_metadata);
    EXPECT_TRUE(s.auto_managed);
    EXPECT_FALSE(s.paused);
    EXPECT_EQ(s.total_wanted, total);
    EXPECT_EQ(s.total_wanted_done, total);
    EXPECT_EQ(s.eta, -1);
    EXPECT_EQ(s.ratio, 0.0);
    EXPECT_EQ(s.error, "");
    EXPECT_EQ(s.seeds_connected, 0);
    EXPECT_EQ(s.nonseeds_connected, 0);
    EXPECT_GE(s.added_time, before);
    EXPECT_LE(s.added_time, std::time(nullptr));

    h.unset_flags(lt::torrent_flags::auto_managed);
    ASSERT_TRUE(test_support::wait_until(
        [&] { return make_snapshot(h.status()).status == sdk::status_code::uploading_forced; }, 60s));
    h.pause();
    ASSERT_TRUE(test_support::wait_until([&] { return make_snapshot(h.status()).paused; }, 60s));
    EXPECT_EQ(make_snapshot(h.status()).status, sdk::status_code::uploading_paused);
}

TEST_F(snapshot_session, a_forced_download_with_no_peers)
{
    // Priorities are by file index, pad files included (make_torrent makes hybrids, which have them).
    lt::torrent_info const ti(torrent.string());
    std::vector<lt::download_priority_t> priorities;
    for (auto const i : ti.files().file_range())
        priorities.push_back(ti.files().file_path(i) == "album/a.bin" ? lt::dont_download : lt::top_priority);
    auto const h = add(tmp.path() / "empty", {}, priorities);
    ASSERT_TRUE(test_support::wait_until([&] { return h.status().state == lts::downloading; }, 60s));
    auto const s = make_snapshot(h.status());
    EXPECT_EQ(s.status, sdk::status_code::downloading_forced);
    EXPECT_EQ(s.state, sdk::torrent_state::downloading);
    EXPECT_EQ(s.total_wanted_done, 0);
    EXPECT_EQ(s.eta, -1);
    EXPECT_EQ(s.size, total);
    EXPECT_LT(s.total_wanted, total) << "the skipped file is not wanted";

    auto const files = file_entries(h);
    ASSERT_EQ(files.size(), 2u);
    EXPECT_EQ(files[0].path, "album/a.bin");
    EXPECT_EQ(files[0].size, 300000);
    EXPECT_EQ(files[0].priority, sdk::dont_download);
    EXPECT_EQ(files[1].path, "album/b/c.bin");
    EXPECT_EQ(files[1].size, 70000);
    EXPECT_EQ(files[1].priority, sdk::top_priority);
    EXPECT_GT(files[1].index, files[0].index);
}

TEST_F(snapshot_session, a_magnet_without_metadata)
{
    auto atp = lt::parse_magnet_uri("magnet:?xt=urn:btih:" + util::info_hash_string(hashes) + "&dn=pending");
    atp.save_path = (tmp.path() / "magnet").string();
    atp.flags &= ~(lt::torrent_flags::auto_managed | lt::torrent_flags::paused);
    auto const h = ses.add_torrent(std::move(atp));
    ASSERT_TRUE(test_support::wait_until([&] { return h.status().state == lts::downloading_metadata; }, 60s));
    auto const s = make_snapshot(h.status());
    EXPECT_EQ(s.status, sdk::status_code::downloading_metadata);
    EXPECT_EQ(s.state, sdk::torrent_state::downloading_metadata);
    EXPECT_EQ(s.info_hash, util::info_hash_string(hashes));
    EXPECT_EQ(s.name, "pending");
    EXPECT_FALSE(s.has_metadata);
    EXPECT_EQ(s.size, 0);
    EXPECT_TRUE(file_entries(h).empty());

    h.pause();
    ASSERT_TRUE(test_support::wait_until([&] { return make_snapshot(h.status()).paused; }, 60s));
    EXPECT_EQ(make_snapshot(h.status()).status, sdk::status_code::downloading_paused);
}

TEST_F(snapshot_session, a_v2_only_torrent_is_named_by_its_v2_hash)
{
    auto const v2 = test_support::make_torrent(payload, tmp.path() / "v2.torrent", {.v2_only = true});
    lt::add_torrent_params atp;
    atp.ti = std::make_shared<lt::torrent_info>((tmp.path() / "v2.torrent").string());
    atp.save_path = (tmp.path() / "seed").string();
    auto const h = ses.add_torrent(std::move(atp));
    auto const s = make_snapshot(h.status());
    EXPECT_EQ(s.info_hash.size(), 64u);
    EXPECT_EQ(s.info_hash, s.info_hash_v2);
    EXPECT_EQ(s.info_hash, util::v2_hash_string(v2));
}

TEST(file_entries, an_invalid_handle_has_none)
{
    EXPECT_TRUE(file_entries(lt::torrent_handle()).empty());
}

} // namespace
