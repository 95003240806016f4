// The clean-stop marker and what a host does after an unclean stop: incomplete torrents lose
// their possibly stale piece map (so libtorrent checks their files), complete ones keep it, and
// a run vouches for the state directory only when nothing in it was left unchecked.
#include "persistence/unclean_stop.hpp"
#include "support/test_support.hpp"
#include "util/atomic_file.hpp"
#include "util/info_hash.hpp"

#include <gtest/gtest.h>
#include <libtorrent/load_torrent.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_flags.hpp>
#include <libtorrent/torrent_info.hpp>

namespace {

namespace fs = std::filesystem;
using namespace pico;
using persistence::clean_stop_marker;
using persistence::distrust_saved_progress;
using persistence::unclean_stop_recovery;

// A real .torrent of 8 pieces, loaded the way resume data is: with its metadata.
lt::add_torrent_params eight_piece_torrent(test_support::temp_dir const& tmp)
{
    auto const payload = tmp.path() / "payload";
    test_support::make_payload(payload, {{"a.bin", 3 * 16384}, {"b.bin", 5 * 16384}}, 4);
    auto const file = tmp.path() / "t.torrent";
    test_support::make_torrent(payload, file, {.piece_size = 16384});
    auto atp = lt::load_torrent_file(file.string());
    EXPECT_EQ(atp.ti->num_pieces(), 8);
    return atp;
}

TEST(clean_stop_marker, absent_marker_means_unclean)
{
    test_support::temp_dir tmp;
    EXPECT_FALSE(clean_stop_marker(tmp.path()).take());
}

TEST(clean_stop_marker, written_marker_is_taken_once)
{
    test_support::temp_dir tmp;
    clean_stop_marker const marker(tmp.path());
    marker.write();
    EXPECT_TRUE(fs::exists(marker.file()));
    EXPECT_TRUE(marker.take());
    EXPECT_FALSE(fs::exists(marker.file())) << "a kill -9 in this run must not find it";
    EXPECT_FALSE(marker.take());
}

TEST(clean_stop_marker, marker_with_other_content_counts_as_unclean_and_is_removed)
{
    test_support::temp_dir tmp;
    clean_stop_marker const marker(tmp.path());
    util::write_file_atomically(marker.file(), "picotorrent stopped clea");
    EXPECT_FALSE(marker.take());
    EXPECT_FALSE(fs::exists(marker.file()));
}

TEST(clean_stop_marker, write_leaves_no_temporary_file)
{
    test_support::temp_dir tmp;
    clean_stop_marker(tmp.path()).write();
    std::vector<std::string> names;
    for (auto const& e : fs::directory_iterator(tmp.path()))
        names.push_back(e.path().filename().string());
    EXPECT_EQ(names, std::vector<std::string>{"clean-stop"});
}

TEST(distrust_saved_progress, all_zero_piece_map_from_add_time_is_dropped)
{
    test_support::temp_dir tmp;
    auto atp = eight_piece_torrent(tmp);
    atp.have_pieces.resize(8, false);
    EXPECT_TRUE(distrust_saved_progress(atp));
    EXPECT_TRUE(atp.have_pieces.empty()) << "libtorrent checks the files only without a piece map";
}

TEST(distrust_saved_progress, partial_piece_map_and_unfinished_pieces_are_dropped)
{
    test_support::temp_dir tmp;
    auto atp = eight_piece_torrent(tmp);
    atp.have_pieces.resize(8, true);
    atp.have_pieces.clear_bit(lt::piece_index_t(5));
    atp.verified_pieces.resize(8, true);
    atp.unfinished_pieces[lt::piece_index_t(5)].resize(1, true);
    EXPECT_TRUE(distrust_saved_progress(atp));
    EXPECT_TRUE(atp.have_pieces.empty());
    EXPECT_TRUE(atp.verified_pieces.empty());
    EXPECT_TRUE(atp.unfinished_pieces.empty());
}

TEST(distrust_saved_progress, complete_torrent_keeps_its_piece_map)
{
    test_support::temp_dir tmp;
    auto atp = eight_piece_torrent(tmp);
    atp.have_pieces.resize(8, true);
    EXPECT_FALSE(distrust_saved_progress(atp));
    EXPECT_EQ(atp.have_pieces.count(), 8);
}

TEST(distrust_saved_progress, seed_mode_and_no_metadata_are_left_alone)
{
    test_support::temp_dir tmp;
    auto seed = eight_piece_torrent(tmp);
    seed.flags |= lt::torrent_flags::seed_mode;
    seed.have_pieces.resize(8, false);
    EXPECT_FALSE(distrust_saved_progress(seed));
    EXPECT_EQ(seed.have_pieces.size(), 8);

    auto magnet = lt::parse_magnet_uri("magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567");
    EXPECT_FALSE(distrust_saved_progress(magnet));
}

TEST(distrust_saved_progress, torrent_without_a_piece_map_is_checked_too)
{
    test_support::temp_dir tmp;
    auto fresh = eight_piece_torrent(tmp);
    EXPECT_TRUE(distrust_saved_progress(fresh)) << "libtorrent checks its files: it counts as checked";
    EXPECT_TRUE(fresh.have_pieces.empty());
}

TEST(unclean_stop_recovery, after_a_clean_stop_saved_progress_is_trusted_and_the_run_marks_clean)
{
    test_support::temp_dir tmp;
    clean_stop_marker(tmp.path()).write();
    unclean_stop_recovery recovery(tmp.path());
    EXPECT_TRUE(recovery.previous_stop_was_clean());
    auto atp = eight_piece_torrent(tmp);
    atp.have_pieces.resize(8, false);
    EXPECT_FALSE(recovery.prepare_restore(atp));
    EXPECT_EQ(atp.have_pieces.size(), 8);
    recovery.torrent_not_restored(); // current after a clean stop, and left alone
    EXPECT_TRUE(recovery.will_mark_clean());
    recovery.finish();
    EXPECT_TRUE(clean_stop_marker(tmp.path()).take());
}

TEST(unclean_stop_recovery, after_an_unclean_stop_incomplete_torrents_are_checked)
{
    test_support::temp_dir tmp;
    unclean_stop_recovery recovery(tmp.path());
    EXPECT_FALSE(recovery.previous_stop_was_clean());
    auto atp = eight_piece_torrent(tmp);
    atp.have_pieces.resize(8, false);
    EXPECT_TRUE(recovery.prepare_restore(atp));
    EXPECT_TRUE(atp.have_pieces.empty());
    EXPECT_TRUE(recovery.will_mark_clean()) << "every saved torrent was restored and checked";
    recovery.finish();
    EXPECT_TRUE(clean_stop_marker(tmp.path()).take());
}

TEST(unclean_stop_recovery, torrent_left_unchecked_after_an_unclean_stop_keeps_the_directory_unclean)
{
    test_support::temp_dir tmp;
    unclean_stop_recovery recovery(tmp.path());
    recovery.torrent_not_restored();
    EXPECT_FALSE(recovery.will_mark_clean());
    recovery.finish();
    EXPECT_FALSE(clean_stop_marker(tmp.path()).take()) << "the next run must check that torrent";
}

TEST(unclean_stop_recovery, prepare_restores_checks_the_restored_ones_and_remembers_the_others)
{
    test_support::temp_dir tmp;
    unclean_stop_recovery recovery(tmp.path());
    std::vector<lt::add_torrent_params> saved{eight_piece_torrent(tmp)};
    saved.front().have_pieces.resize(8, false);
    auto const key = util::info_hash_string(saved.front().ti->info_hashes());
    EXPECT_EQ(recovery.prepare_restores(saved, std::nullopt), 1);
    EXPECT_TRUE(saved.front().have_pieces.empty());
    EXPECT_TRUE(recovery.will_mark_clean());

    saved.front().have_pieces.resize(8, false);
    EXPECT_EQ(recovery.prepare_restores(saved, std::set<std::string>{"another"}), 0);
    EXPECT_EQ(saved.front().have_pieces.size(), 8) << "left for the run that restores it";
    EXPECT_FALSE(recovery.will_mark_clean());
    EXPECT_EQ(recovery.prepare_restores(saved, std::set<std::string>{key}), 1);
}

TEST(unclean_stop_recovery, failed_resume_save_keeps_the_directory_unclean)
{
    test_support::temp_dir tmp;
    clean_stop_marker(tmp.path()).write();
    unclean_stop_recovery recovery(tmp.path());
    recovery.resume_save_failed();
    EXPECT_FALSE(recovery.will_mark_clean());
    recovery.finish();
    EXPECT_FALSE(clean_stop_marker(tmp.path()).take());
}

TEST(unclean_stop_recovery, start_removes_the_marker_before_the_run_does_anything)
{
    test_support::temp_dir tmp;
    clean_stop_marker(tmp.path()).write();
    unclean_stop_recovery const recovery(tmp.path());
    // A kill -9 now leaves no marker: the next run sees an unclean stop.
    EXPECT_FALSE(unclean_stop_recovery(tmp.path()).previous_stop_was_clean());
    EXPECT_TRUE(recovery.previous_stop_was_clean());
}

} // namespace
