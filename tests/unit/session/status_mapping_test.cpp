// One test per status code, then the precedence between rules (see status_mapping.hpp).
#include "session/status_mapping.hpp"

#include <gtest/gtest.h>
#include <libtorrent/torrent_flags.hpp>

namespace {

using namespace pico::session;
using sc = pico::sdk::status_code;
using lts = lt::torrent_status;

// An auto-managed, running, error-free torrent in `state` with data flowing both ways.
status_inputs running(lts::state_t state)
{
    status_inputs in;
    in.state = state;
    in.auto_managed = true;
    in.download_rate = 1000;
    in.upload_rate = 1000;
    in.is_seeding = state == lts::seeding;
    in.is_finished = state == lts::seeding || state == lts::finished;
    return in;
}

TEST(status_code, minus_1_unknown_for_a_state_without_a_code)
{
    // 6 is libtorrent's retired "allocating" state, never reported today.
    EXPECT_EQ(map_status(running(static_cast<lts::state_t>(6))), sc::unknown);
    EXPECT_EQ(static_cast<int>(sc::unknown), -1);
}

TEST(status_code, 0_checking_resume_data)
{
    EXPECT_EQ(map_status(running(lts::checking_resume_data)), sc::checking_resume_data);
}

TEST(status_code, 1_complete)
{
    EXPECT_EQ(map_status(running(lts::finished)), sc::complete);
}

TEST(status_code, 2_downloading)
{
    EXPECT_EQ(map_status(running(lts::downloading)), sc::downloading);
}

TEST(status_code, 3_downloading_checking)
{
    EXPECT_EQ(map_status(running(lts::checking_files)), sc::downloading_checking);
}

TEST(status_code, 4_downloading_forced)
{
    auto in = running(lts::downloading);
    in.auto_managed = false;
    EXPECT_EQ(map_status(in), sc::downloading_forced);
}

TEST(status_code, 5_downloading_metadata)
{
    EXPECT_EQ(map_status(running(lts::downloading_metadata)), sc::downloading_metadata);
}

TEST(status_code, 6_downloading_paused)
{
    auto in = running(lts::downloading);
    in.paused = true;
    in.auto_managed = false;
    EXPECT_EQ(map_status(in), sc::downloading_paused);
}

TEST(status_code, 7_downloading_queued)
{
    auto in = running(lts::downloading);
    in.paused = true;
    EXPECT_EQ(map_status(in), sc::downloading_queued);
}

TEST(status_code, 8_downloading_stalled)
{
    auto in = running(lts::downloading);
    in.download_rate = 0;
    EXPECT_EQ(map_status(in), sc::downloading_stalled);
}

TEST(status_code, 9_error)
{
    auto in = running(lts::downloading);
    in.has_error = true;
    EXPECT_EQ(map_status(in), sc::error);
}

TEST(status_code, 10_uploading)
{
    EXPECT_EQ(map_status(running(lts::seeding)), sc::uploading);
}

TEST(status_code, 11_uploading_checking)
{
    auto in = running(lts::checking_files);
    in.is_seeding = true;
    EXPECT_EQ(map_status(in), sc::uploading_checking);
    in.is_seeding = false;
    in.is_finished = true;
    EXPECT_EQ(map_status(in), sc::uploading_checking);
}

TEST(status_code, 12_uploading_forced)
{
    auto in = running(lts::seeding);
    in.auto_managed = false;
    EXPECT_EQ(map_status(in), sc::uploading_forced);
}

TEST(status_code, 13_uploading_paused)
{
    auto in = running(lts::seeding);
    in.paused = true;
    in.auto_managed = false;
    EXPECT_EQ(map_status(in), sc::uploading_paused);
}

TEST(status_code, 14_uploading_queued)
{
    auto in = running(lts::seeding);
    in.paused = true;
    EXPECT_EQ(map_status(in), sc::uploading_queued);
}

TEST(status_code, 15_uploading_stalled)
{
    auto in = running(lts::seeding);
    in.upload_rate = 0;
    EXPECT_EQ(map_status(in), sc::uploading_stalled);
}

TEST(status_precedence, error_beats_everything)
{
    for (auto state : {lts::checking_resume_data, lts::checking_files, lts::downloading_metadata,
                       lts::downloading, lts::finished, lts::seeding}) {
        auto in = running(state);
        in.has_error = true;
        in.paused = true;
        EXPECT_EQ(map_status(in), sc::error) << "state " << static_cast<int>(state);
    }
}

TEST(status_precedence, checking_resume_data_beats_paused)
{
    auto in = running(lts::checking_resume_data);
    in.paused = true;
    EXPECT_EQ(map_status(in), sc::checking_resume_data);
}

TEST(status_precedence, paused_beats_metadata_and_checking)
{
    auto magnet = running(lts::downloading_metadata);
    magnet.paused = true;
    magnet.auto_managed = false;
    EXPECT_EQ(map_status(magnet), sc::downloading_paused);
    auto checking = running(lts::checking_files);
    checking.paused = true;
    EXPECT_EQ(map_status(checking), sc::downloading_queued);
}

TEST(status_precedence, a_paused_finished_torrent_counts_as_uploading)
{
    auto in = running(lts::finished);
    in.paused = true;
    in.auto_managed = false;
    EXPECT_EQ(map_status(in), sc::uploading_paused);
    in.auto_managed = true;
    EXPECT_EQ(map_status(in), sc::uploading_queued);
}

TEST(status_precedence, forced_beats_stalled)
{
    auto down = running(lts::downloading);
    down.auto_managed = false;
    down.download_rate = 0;
    EXPECT_EQ(map_status(down), sc::downloading_forced);
    auto up = running(lts::seeding);
    up.auto_managed = false;
    up.upload_rate = 0;
    EXPECT_EQ(map_status(up), sc::uploading_forced);
}

TEST(status_precedence, stalled_looks_only_at_its_own_direction)
{
    auto down = running(lts::downloading);
    down.upload_rate = 0;
    EXPECT_EQ(map_status(down), sc::downloading);
    auto up = running(lts::seeding);
    up.download_rate = 0;
    EXPECT_EQ(map_status(up), sc::uploading);
}

TEST(status_precedence, finished_ignores_queueing_and_rates)
{
    auto in = running(lts::finished);
    in.auto_managed = false;
    in.upload_rate = 0;
    in.download_rate = 0;
    EXPECT_EQ(map_status(in), sc::complete);
}

TEST(status_inputs, read_flags_error_and_rates_from_a_status)
{
    lt::torrent_status st;
    st.state = lts::seeding;
    st.flags = lt::torrent_flags::paused | lt::torrent_flags::auto_managed;
    st.is_seeding = true;
    st.is_finished = true;
    st.download_payload_rate = 12;
    st.upload_payload_rate = 34;
    auto in = status_inputs_from(st);
    EXPECT_EQ(in.state, lts::seeding);
    EXPECT_TRUE(in.paused);
    EXPECT_TRUE(in.auto_managed);
    EXPECT_FALSE(in.has_error);
    EXPECT_TRUE(in.is_seeding);
    EXPECT_TRUE(in.is_finished);
    EXPECT_EQ(in.download_rate, 12);
    EXPECT_EQ(in.upload_rate, 34);
    EXPECT_EQ(map_status(in), sc::uploading_queued);

    st.flags = {};
    st.errc = lt::errors::make_error_code(lt::errors::file_collision);
    in = status_inputs_from(st);
    EXPECT_FALSE(in.paused);
    EXPECT_FALSE(in.auto_managed);
    EXPECT_TRUE(in.has_error);
    EXPECT_EQ(map_status(in), sc::error);
}

TEST(torrent_state, every_libtorrent_state_maps)
{
    using ts = pico::sdk::torrent_state;
    EXPECT_EQ(map_state(lts::checking_files), ts::checking_files);
    EXPECT_EQ(map_state(lts::downloading_metadata), ts::downloading_metadata);
    EXPECT_EQ(map_state(lts::downloading), ts::downloading);
    EXPECT_EQ(map_state(lts::finished), ts::finished);
    EXPECT_EQ(map_state(lts::seeding), ts::seeding);
    EXPECT_EQ(map_state(lts::checking_resume_data), ts::checking_resume_data);
    EXPECT_EQ(map_state(static_cast<lts::state_t>(6)), ts::unknown);
    EXPECT_EQ(map_state(static_cast<lts::state_t>(0)), ts::unknown);
}

} // namespace
