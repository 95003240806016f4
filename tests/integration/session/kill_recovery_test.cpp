// `kill -9` in the middle of a download, then the same command again: it continues from what
// is on disk and ends with every byte correct, however old the resume data was.
#include "host_fixture.hpp"
#include "support/test_support.hpp"
#include "util/atomic_file.hpp"

#include <csignal>
#include <gtest/gtest.h>
#include <libtorrent/torrent_info.hpp>

namespace {

namespace fs = std::filesystem;
using namespace pico;

constexpr char const* unclean_line = "the previous run did not stop cleanly: checking the files of 1";

// A 24 MiB two-file torrent served slowly enough that a kill lands mid-download whatever the
// machine, and the download command line that fetches it with a given resume interval.
struct killed_download {
    test_support::temp_dir tmp;
    fs::path payload = tmp.path() / "seed" / "big";
    std::int64_t total = 24 << 20;
    fs::path torrent = tmp.path() / "big.torrent";
    fs::path state = tmp.path() / "state";
    std::unique_ptr<test_support::seeder> seeder;
    std::vector<std::string> args;

    explicit killed_download(int resume_interval)
    {
        test_support::make_payload(payload, {{"part1.bin", 16 << 20}, {"part2.bin", 8 << 20}}, 9);
        test_support::make_torrent(payload, torrent, {});
        seeder = std::make_unique<test_support::seeder>(
            torrent, tmp.path() / "seed", test_support::seeder_options{.upload_rate_limit = 3 << 20});
        auto const config = test::write_loopback_config(tmp.path() / "PicoTorrent.json");
        args = {"download",
                torrent.string(),
                "--out-dir",
                (tmp.path() / "out").string(),
                "--peer",
                seeder->endpoint(),
                "--config",
                config.string(),
                "--state-dir",
                state.string(),
                "--no-plugins",
                "--resume-interval",
                std::to_string(resume_interval),
                "--session-timeout",
                "60"};
    }

    // Starts the download and kills it once `fraction` of the payload has been served.
    void run_and_kill_at(double fraction, std::chrono::milliseconds settle)
    {
        test_support::child_process first(PICO_BINARY, args);
        ASSERT_TRUE(test_support::wait_until(
            [&] {
                return seeder->uploaded() >= static_cast<std::int64_t>(static_cast<double>(total) * fraction);
            },
            std::chrono::seconds(120)));
        std::this_thread::sleep_for(settle);
        first.kill(SIGKILL);
        first.wait(std::chrono::seconds(30));
        ASSERT_LT(seeder->uploaded(), total) << "the first run finished before it could be killed";
    }

    // The host's log of every run so far (download logs warnings only to this file).
    std::string log() const { return util::read_file(state / "picotorrent.log"); }

    // Runs the download again to the end and checks the result.
    void run_to_completion()
    {
        test_support::child_process second(PICO_BINARY, args);
        auto const code = second.wait(std::chrono::seconds(180));
        EXPECT_EQ(code, 0) << second.stderr_text();
        EXPECT_NE(second.stdout_text().find("big"), std::string::npos) << "prints the written path";
        std::string why;
        EXPECT_TRUE(test_support::files_equal(payload, tmp.path() / "out" / "big", &why)) << why;
    }
};

TEST(kill_recovery, kill_9_mid_download_then_restart_completes_byte_exact)
{
    killed_download d(1);
    // About 40% served and resume data has had time to be written.
    d.run_and_kill_at(0.4, std::chrono::milliseconds(1500));
    if (HasFatalFailure())
        return;
    d.run_to_completion();
    // What was verified survived: the second run needed little more than the rest.
    auto const served_total = d.seeder->uploaded();
    EXPECT_LT(served_total, d.total + d.total / 3) << "served " << served_total << " bytes for a " << d.total
                                                   << "-byte payload: the restart started over";
}

TEST(kill_recovery, kill_9_before_any_periodic_save_checks_the_files_instead_of_starting_over)
{
    // With an hour between saves, the only resume data on disk is the all-zero piece map
    // written when the torrent was added: trusting it would download everything again.
    killed_download d(3600);
    d.run_and_kill_at(0.5, std::chrono::milliseconds(0));
    if (HasFatalFailure())
        return;
    EXPECT_FALSE(fs::exists(d.state / "clean-stop"));
    d.run_to_completion();
    EXPECT_NE(d.log().find(unclean_line), std::string::npos) << d.log();
    auto const served_total = d.seeder->uploaded();
    EXPECT_LT(served_total, d.total + d.total / 4) << "served " << served_total << " bytes for a " << d.total
                                                   << "-byte payload: the restart started over";
}

TEST(kill_recovery, sigint_mid_download_is_a_clean_stop_and_its_resume_data_is_trusted)
{
    killed_download d(3600);
    {
        test_support::child_process first(PICO_BINARY, d.args);
        ASSERT_TRUE(test_support::wait_until([&] { return d.seeder->uploaded() >= d.total / 4; },
                                             std::chrono::seconds(120)));
        first.kill(SIGINT);
        EXPECT_EQ(first.wait(std::chrono::seconds(60)), 130) << first.stderr_text();
    }
    ASSERT_LT(d.seeder->uploaded(), d.total) << "the first run finished before it could be stopped";
    EXPECT_EQ(util::read_file(d.state / "clean-stop"), "picotorrent stopped cleanly\n");
    d.run_to_completion();
    EXPECT_EQ(d.log().find("did not stop cleanly"), std::string::npos) << d.log();
    EXPECT_TRUE(fs::exists(d.state / "clean-stop"));
}

} // namespace
