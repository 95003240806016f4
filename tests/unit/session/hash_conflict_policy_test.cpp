// The recovery from libtorrent's "v1 and v2 hashes do not describe the same data": once per
// torrent, repeats from the failed check swallowed, a recheck that fails again reported once.
#include "session/hash_conflict_recovery.hpp"

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
    // A user's recheck fails again: reported again, but not recovered a second time.
    p.on_check_started(torrent('a'));
    EXPECT_EQ(p.on_error(torrent('a'), inconsistent), action::report);
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
