// `kill -9` in the middle of a download, then the same command again: it continues from
// the resume data and ends with every byte correct.
#include "host_fixture.hpp"
#include "support/test_support.hpp"

#include <csignal>
#include <gtest/gtest.h>
#include <libtorrent/torrent_info.hpp>

namespace {

namespace fs = std::filesystem;
using namespace pico;

TEST(kill_recovery, kill_9_mid_download_then_restart_completes_byte_exact)
{
    test_support::temp_dir tmp;
    auto const payload = tmp.path() / "seed" / "big";
    std::int64_t const total = 24 << 20;
    test_support::make_payload(payload, {{"part1.bin", 16 << 20}, {"part2.bin", 8 << 20}}, 9);
    auto const torrent = tmp.path() / "big.torrent";
    test_support::make_torrent(payload, torrent, {});
    // Slow enough that the kill lands mid-download whatever the machine.
    test_support::seeder seeder(torrent, tmp.path() / "seed", {.upload_rate_limit = 3 << 20});

    auto const config = test::write_loopback_config(tmp.path() / "PicoTorrent.json");
    std::vector<std::string> const args{"download",
                                        torrent.string(),
                                        "--out-dir",
                                        (tmp.path() / "out").string(),
                                        "--peer",
                                        seeder.endpoint(),
                                        "--config",
                                        config.string(),
                                        "--state-dir",
                                        (tmp.path() / "state").string(),
                                        "--no-plugins",
                                        "--resume-interval",
                                        "1",
                                        "--session-timeout",
                                        "60"};
    {
        test_support::child_process first(PICO_BINARY, args);
        // Kill once about 40% has been served and resume data has had time to be written.
        ASSERT_TRUE(test_support::wait_until([&] { return seeder.uploaded() >= total * 4 / 10; },
                                             std::chrono::seconds(120)));
        std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        first.kill(SIGKILL);
        first.wait(std::chrono::seconds(30));
    }
    auto const served_before = seeder.uploaded();
    ASSERT_LT(served_before, total) << "the first run finished before it could be killed";

    test_support::child_process second(PICO_BINARY, args);
    auto const code = second.wait(std::chrono::seconds(180));
    EXPECT_EQ(code, 0) << second.stderr_text();
    EXPECT_NE(second.stdout_text().find("big"), std::string::npos) << "prints the written path";
    EXPECT_TRUE(test_support::files_equal(payload, tmp.path() / "out" / "big"));

    // Resume data kept what was verified: the second run needed little more than the rest.
    auto const served_total = seeder.uploaded();
    EXPECT_LT(served_total, total + total / 3)
        << "served " << served_total << " bytes for a " << total << "-byte payload: the restart started over";
}

} // namespace
