// The throughput profile per command (issue 13): what each role changes, that run's stays
// safe for a client with many peers, that the configuration still wins, and session.disk_io.
#include "config/settings_mapping.hpp"
#include "config/throughput_profile.hpp"

#include <gtest/gtest.h>
#include <libtorrent/settings_pack.hpp>

namespace pico::config {
namespace {

using json = nlohmann::json;
using sp = lt::settings_pack;

TEST(throughput_profile, each_mode_has_its_role)
{
    EXPECT_EQ(role_for_mode("download"), session_role::download);
    EXPECT_EQ(role_for_mode("seed"), session_role::seed);
    EXPECT_EQ(role_for_mode("run"), session_role::run);
    EXPECT_EQ(role_for_mode("gui"), session_role::run);
}

TEST(throughput_profile, download_queues_deeper_than_libtorrent_defaults)
{
    auto const defaults = lt::default_settings();
    auto const pack = make_settings_pack(json::object(), session_role::download);
    EXPECT_GT(pack.get_int(sp::max_queued_disk_bytes), defaults.get_int(sp::max_queued_disk_bytes));
    EXPECT_GT(pack.get_int(sp::max_peer_recv_buffer_size), defaults.get_int(sp::max_peer_recv_buffer_size));
    EXPECT_EQ(pack.get_int(sp::hashing_threads), 2);
}

// What run may cost per peer is what libtorrent's defaults cost: with connections_limit peers,
// a per-peer buffer raised here would be multiplied by every one of them.
TEST(throughput_profile, run_keeps_per_peer_memory_and_kernel_autotuning_as_libtorrent_has_them)
{
    auto const defaults = lt::default_settings();
    auto const run = make_settings_pack(json::object());
    for (int setting :
         {sp::max_peer_recv_buffer_size, sp::send_buffer_watermark, sp::send_buffer_low_watermark,
          sp::send_buffer_watermark_factor, sp::max_out_request_queue, sp::connections_limit,
          sp::send_socket_buffer_size, sp::recv_socket_buffer_size, sp::unchoke_slots_limit})
        EXPECT_EQ(run.get_int(setting), defaults.get_int(setting)) << lt::name_for_setting(setting);
    // Session-wide bounds only, and small ones.
    EXPECT_LE(run.get_int(sp::max_queued_disk_bytes), 8 << 20);
    EXPECT_EQ(run.get_int(sp::hashing_threads), 2);
}

TEST(throughput_profile, the_configuration_still_wins_over_the_profile)
{
    auto const pack =
        make_settings_pack(json{{"session", {{"active_downloads", 9}}}}, session_role::download);
    EXPECT_EQ(pack.get_int(sp::active_downloads), 9);
}

TEST(throughput_profile, disk_io_auto_is_the_measured_back_end_and_explicit_values_win)
{
    for (auto role : {session_role::run, session_role::download, session_role::seed}) {
        EXPECT_EQ(disk_io_for(json::object(), role), auto_disk_io(role));
        EXPECT_EQ(disk_io_for(json{{"session", {{"disk_io", "auto"}}}}, role), auto_disk_io(role));
        EXPECT_EQ(disk_io_for(json{{"session", {{"disk_io", "posix"}}}}, role), disk_io_backend::posix);
        EXPECT_EQ(disk_io_for(json{{"session", {{"disk_io", "mmap"}}}}, role), disk_io_backend::mmap);
    }
    EXPECT_TRUE(static_cast<bool>(disk_io_constructor(disk_io_backend::posix)));
    EXPECT_TRUE(static_cast<bool>(disk_io_constructor(disk_io_backend::mmap)));
}

} // namespace
} // namespace pico::config
