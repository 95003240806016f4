// The recovery from libtorrent's "v1 and v2 hashes do not describe the same data": once per
// torrent, repeats from the failed check swallowed, a recheck that fails again reported once.
#include "session/hash_conflict_recovery.hpp"

#include <boost/asio/error.hpp>
#include <gtest/gtest.h>
#include <libtorrent/error.hpp>
#include <libtorrent/hex.hpp>

namespace {

using pico::session::hash_conflict_policy;
using action = hash_conflict_policy::action;

lt::info_hash_t torrent(char c)
{
    return lt::info_hash_t(lt::sha1_hash(std::string(20, c).c_str()));
}

lt::error_code const inconsistent = lt::errors::torrent_inconsistent_hashes;

TEST(hash_conflict_policy, first_inconsistent_hashes_error_is_recovered_and_its_repeats_ignored)
{
    hash_conflict_policy p;
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::recover);
    // libtorrent sends one alert per piece hashed after the mismatch.
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::ignore);
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::ignore);
}

TEST(hash_conflict_policy, recheck_that_fails_again_is_reported_once)
{
    hash_conflict_policy p;
    ASSERT_EQ(p.on_error(torrent('a'), inconsistent), action::recover);
    p.on_check_started(torrent('a'));
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::report);
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::ignore);
    // libtorrent's recheck passes through a second checking state, and later checks fail the
    // same way: neither recovered nor reported again (the torrent's status keeps the error).
    p.on_check_started(torrent('a'));
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::ignore);
}

TEST(hash_conflict_policy, late_alert_of_the_failed_check_between_two_checking_states_is_reported_once)
{
    hash_conflict_policy p;
    ASSERT_EQ(p.on_error(torrent('a'), inconsistent), action::recover);
    p.on_check_started(torrent('a')); // checking_resume_data
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::report);
    p.on_check_started(torrent('a')); // checking_files
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::ignore);
}

TEST(hash_conflict_policy, other_errors_and_other_torrents_are_untouched)
{
    hash_conflict_policy p;
    EXPECT_EQ(p.on_error(torrent('a'), lt::errors::torrent_paused), action::report);
    EXPECT_EQ(p.on_error(torrent('a'), lt::error_code(ENOSPC, lt::generic_category())), action::report);
    ASSERT_EQ(p.on_error(torrent('a'), inconsistent), action::recover);
    EXPECT_EQ(p.on_error(torrent('b'), inconsistent), action::recover);
    EXPECT_EQ(p.on_error(torrent('a'), lt::error_code(ENOSPC, lt::generic_category())), action::report);
}

TEST(hash_conflict_policy, check_started_without_an_error_changes_nothing)
{
    hash_conflict_policy p;
    p.on_check_started(torrent('a'));
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::recover);
}

TEST(hash_conflict_policy, removed_torrent_added_again_is_recovered_again)
{
    hash_conflict_policy p;
    ASSERT_EQ(p.on_error(torrent('a'), inconsistent), action::recover);
    p.forget(torrent('a'));
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::recover);
}

} // namespace

namespace {

// libtorrent reports cancelled reads in either category: both count.
lt::error_code const cancelled = boost::asio::error::operation_aborted;
lt::error_code const cancelled_generic(ECANCELED, boost::system::generic_category());

TEST(hash_conflict_policy, cancelled_reads_of_a_failed_recheck_are_ignored)
{
    hash_conflict_policy p;
    ASSERT_EQ(p.on_error(torrent('a'), inconsistent), action::recover);
    p.on_check_started(torrent('a'));
    ASSERT_EQ(p.on_error(torrent('a'), inconsistent), action::report);
    // Stopping the failed check cancels its outstanding reads: one error each.
    EXPECT_EQ(p.on_error(torrent('a'), cancelled), action::ignore);
    EXPECT_EQ(p.on_error(torrent('a'), cancelled_generic), action::ignore);
}

TEST(hash_conflict_policy, recovery_recheck_stopped_by_a_cancelled_read_is_started_again_a_few_times)
{
    hash_conflict_policy p;
    ASSERT_EQ(p.on_error(torrent('a'), inconsistent), action::recover);
    for (int i = 0; i < hash_conflict_policy::max_retries; ++i) {
        p.on_check_started(torrent('a'));
        EXPECT_EQ(p.on_error(torrent('a'), cancelled), action::retry);
    }
    EXPECT_EQ(p.on_error(torrent('a'), cancelled), action::report) << "no endless loop";
}

TEST(hash_conflict_policy, after_a_successful_recheck_errors_are_reported_again)
{
    hash_conflict_policy p;
    ASSERT_EQ(p.on_error(torrent('a'), inconsistent), action::recover);
    p.on_check_started(torrent('a'));
    p.on_check_finished(torrent('a'));
    EXPECT_EQ(p.on_error(torrent('a'), cancelled), action::report);
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::report) << "recovered once already";
    EXPECT_EQ(p.on_error(torrent('b'), cancelled), action::report) << "not in recovery";
}

} // namespace
