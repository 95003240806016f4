// aria2c (1.36: v1 torrents only) against our commands: our `download` from an aria2c seeder,
// and an aria2c leecher that finds our `seed` through opentracker on loopback.
#include "interop_fixture.hpp"

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
namespace ts = pico::test_support;
using namespace pico::interop;
using namespace std::chrono_literals;

// Options every aria2c run needs to stay on loopback: no config file, no DHT, LPD or PEX.
std::vector<std::string> aria2_args(std::uint16_t port, fs::path const& dir)
{
    return {"--no-conf",
            "--enable-dht=false",
            "--enable-dht6=false",
            "--bt-enable-lpd=false",
            "--enable-peer-exchange=false",
            "--listen-port=" + std::to_string(port),
            "--summary-interval=1",
            "--console-log-level=warn",
            "--file-allocation=none",
            "-d",
            dir.string()};
}

std::vector<ts::payload_file> const aria2_single_file{{"", (3 << 20) + 99}};
std::vector<ts::payload_file> const aria2_multi_file{
    {"one.bin", (1 << 20) + 5}, {"two/two.bin", 700001}, {"three.txt", 3333}};

class aria2_seeder : public ::testing::TestWithParam<bool> {};

TEST_P(aria2_seeder, download_completes_byte_exact)
{
    INTEROP_REQUIRE_PROGRAM("aria2c");
    bool const multi = GetParam();
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    auto const payload =
        make_case(tmp.path() / "seed", "payload", multi ? aria2_multi_file : aria2_single_file, torrent,
                  {.piece_size = 64 << 10, .v1_only = true});

    auto const port = ts::free_tcp_port();
    auto args = aria2_args(port, tmp.path() / "seed");
    for (auto const& a : {"-V", "--seed-ratio=0", torrent.c_str()})
        args.emplace_back(a);
    ts::child_process aria2("aria2c", args);
    // It checks the data first, then reports seeding ("SEED(" in its summary).
    ASSERT_TRUE(aria2.wait_for_stdout("SEED(", 120s)) << aria2.stdout_text() << aria2.stderr_text();
    ASSERT_TRUE(wait_listening(port));

    auto const r = run_download(torrent.string(), tmp.path() / "out", tmp.path() / "d",
                                {"--peer", "127.0.0.1:" + std::to_string(port), "--debug-handshake"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string why;
    EXPECT_TRUE(ts::files_equal(payload, tmp.path() / "out" / "payload", &why)) << why;
    EXPECT_NE(r.err.find("client \"aria2"), std::string::npos) << "the client table names aria2\n" << r.err;
}

INSTANTIATE_TEST_SUITE_P(layouts, aria2_seeder, ::testing::Values(false, true), [](auto const& param_info) {
    return param_info.param ? "multi_file" : "single_file";
});

class aria2_leecher : public ::testing::TestWithParam<bool> {};

TEST_P(aria2_leecher, completes_byte_exact_from_our_seed_via_opentracker)
{
    INTEROP_REQUIRE_PROGRAM("aria2c");
    INTEROP_REQUIRE_PROGRAM("opentracker");
    bool const multi = GetParam();
    ts::temp_dir tmp;
    // The tracker's whitelist needs the info hash before the torrent naming the tracker exists;
    // the announce URL is outside the info dictionary, so a torrent without it has the same hash.
    fs::path const plain = tmp.path() / "plain.torrent";
    auto const payload =
        make_case(tmp.path() / "seed", "payload", multi ? aria2_multi_file : aria2_single_file, plain,
                  {.piece_size = 64 << 10, .v1_only = true});
    std::string const hash = v1_hash_hex(plain);
    tracker tr(tmp.path(), {hash});
    fs::path const torrent = tmp.path() / "t.torrent";
    ts::make_torrent(payload, torrent,
                     {.trackers = {tr.announce_url()}, .piece_size = 64 << 10, .v1_only = true});
    ASSERT_EQ(v1_hash_hex(torrent), hash);

    our_seed seed(torrent, payload, tmp.path() / "s");
    // aria2 asks the tracker once at start: let the seed be listed first.
    ASSERT_TRUE(ts::wait_until([&] { return tr.seeds(hash) >= 1; }, 60s, 200ms))
        << seed.process().stderr_text();

    auto args = aria2_args(ts::free_tcp_port(), tmp.path() / "out");
    args.emplace_back("--seed-time=0");
    args.emplace_back(torrent.string());
    ts::child_process aria2("aria2c", args);
    int const code = aria2.wait(180s);
    EXPECT_EQ(code, 0) << aria2.stdout_text() << aria2.stderr_text();
    std::string why;
    EXPECT_TRUE(ts::files_equal(payload, tmp.path() / "out" / "payload", &why)) << why;
}

INSTANTIATE_TEST_SUITE_P(layouts, aria2_leecher, ::testing::Values(false, true), [](auto const& param_info) {
    return param_info.param ? "multi_file" : "single_file";
});

} // namespace
