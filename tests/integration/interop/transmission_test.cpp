// transmission-cli 3.00 (v1 torrents only) against our commands. Transmission will not dial
// 127.x peers it learns from a tracker, so our side always dials it (--peer).
#include "interop_fixture.hpp"

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
namespace ts = pico::test_support;
using namespace pico::interop;
using namespace std::chrono_literals;

std::vector<ts::payload_file> const single_file{{"", (3 << 20) + 17}};
std::vector<ts::payload_file> const multi_file{
    {"x.bin", (1 << 20) + 3}, {"y/y.bin", 500003}, {"z.txt", 4444}};

class transmission_seeder : public ::testing::TestWithParam<bool> {};

TEST_P(transmission_seeder, download_completes_byte_exact)
{
    INTEROP_REQUIRE_PROGRAM("transmission-cli");
    bool const multi = GetParam();
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    auto const payload = make_case(tmp.path() / "seed", "payload", multi ? multi_file : single_file, torrent,
                                   {.piece_size = 64 << 10, .v1_only = true});
    auto const port = ts::free_tcp_port();
    auto transmission = start_transmission(torrent, tmp.path() / "seed", tmp.path() / "tr", port);
    // It verifies the data, then reports "Seeding".
    ASSERT_TRUE(transmission->wait_for_stdout("Seeding", 120s))
        << transmission->stdout_text() << transmission->stderr_text();
    ASSERT_TRUE(wait_listening(port));

    auto const r = run_download(torrent.string(), tmp.path() / "out", tmp.path() / "d",
                                {"--peer", "127.0.0.1:" + std::to_string(port), "--debug-handshake"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string why;
    EXPECT_TRUE(ts::files_equal(payload, tmp.path() / "out" / "payload", &why)) << why;
    EXPECT_NE(r.err.find("client \"Transmission"), std::string::npos)
        << "the client table names Transmission\n"
        << r.err;
}

INSTANTIATE_TEST_SUITE_P(layouts, transmission_seeder, ::testing::Values(false, true),
                         [](auto const& param_info) {
                             return param_info.param ? "multi_file" : "single_file";
                         });

class transmission_leecher : public ::testing::TestWithParam<bool> {};

TEST_P(transmission_leecher, completes_byte_exact_from_our_seed)
{
    INTEROP_REQUIRE_PROGRAM("transmission-cli");
    bool const multi = GetParam();
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    auto const payload = make_case(tmp.path() / "seed", "payload", multi ? multi_file : single_file, torrent,
                                   {.piece_size = 64 << 10, .v1_only = true});
    auto const port = ts::free_tcp_port();
    auto transmission = start_transmission(torrent, tmp.path() / "out", tmp.path() / "tr", port);
    ASSERT_TRUE(wait_listening(port)) << transmission->stdout_text() << transmission->stderr_text();

    our_seed seed(torrent, payload, tmp.path() / "s", {"--peer", "127.0.0.1:" + std::to_string(port)});
    EXPECT_TRUE(transmission->wait_for_stdout("Seeding", 180s))
        << transmission->stdout_text() << transmission->stderr_text() << seed.process().stderr_text();
    // "Seeding" follows the rename of the partial file; allow the file system a moment anyway.
    std::string why;
    EXPECT_TRUE(ts::wait_until([&] { return ts::files_equal(payload, tmp.path() / "out" / "payload", &why); },
                               10s, 200ms))
        << why;
}

INSTANTIATE_TEST_SUITE_P(layouts, transmission_leecher, ::testing::Values(false, true),
                         [](auto const& param_info) {
                             return param_info.param ? "multi_file" : "single_file";
                         });

} // namespace
