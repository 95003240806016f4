// Bad input to `download` and `seed`: one clear line on stderr and exit code 2, never a crash
// or a hang.
#include "interop_fixture.hpp"

#include <fstream>
#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
namespace ts = pico::test_support;
using namespace pico::interop;

// Exit 2 with exactly one message line (host log lines aside) that contains `expected`.
void expect_one_line_exit_2(run_result const& r, std::string const& expected)
{
    EXPECT_EQ(r.exit_code, 2) << r.err;
    auto const lines = message_lines(r.err);
    ASSERT_EQ(lines.size(), 1u) << r.err;
    EXPECT_NE(lines[0].find(expected), std::string::npos) << lines[0];
    EXPECT_EQ(r.out, "");
}

struct bad_inputs {
    ts::temp_dir tmp;
    fs::path config = write_config(tmp.path() / "c.json", 0);
    fs::path corrupt = tmp.path() / "corrupt.torrent";
    fs::path data = tmp.path() / "data.bin";

    bad_inputs()
    {
        std::ofstream(corrupt) << "d8:announce3:abc4:infod6:lengthi10e4:name";
        std::ofstream(data) << "some bytes";
    }

    run_result run(std::vector<std::string> args)
    {
        for (auto const& a : host_args(config, tmp.path() / "state"))
            args.push_back(a);
        return run_picotorrent(args, std::chrono::seconds(60));
    }
};

TEST(bad_input, download_missing_torrent_file)
{
    bad_inputs b;
    auto const missing = (b.tmp.path() / "missing.torrent").string();
    expect_one_line_exit_2(b.run({"download", missing, "--out-dir", b.tmp.path().string()}),
                           "missing.torrent");
}

TEST(bad_input, download_corrupt_torrent)
{
    bad_inputs b;
    // The same words and byte offset `inspect` gives.
    expect_one_line_exit_2(b.run({"download", b.corrupt.string(), "--out-dir", b.tmp.path().string()}),
                           "invalid bencoding: unexpected end of file in bencoded string (at byte ");
}

TEST(bad_input, download_bad_magnet)
{
    bad_inputs b;
    expect_one_line_exit_2(
        b.run({"download", "magnet:?xt=urn:btih:nothex", "--out-dir", b.tmp.path().string()}), "magnet");
}

TEST(bad_input, download_bad_peer)
{
    bad_inputs b;
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    make_case(tmp.path() / "seed", "payload", {{"", 1000}}, torrent, {});
    expect_one_line_exit_2(b.run({"download", torrent.string(), "--out-dir", b.tmp.path().string(), "--peer",
                                  "not-an-endpoint"}),
                           "not-an-endpoint");
}

TEST(bad_input, seed_missing_torrent_file)
{
    bad_inputs b;
    expect_one_line_exit_2(b.run({"seed", (b.tmp.path() / "missing.torrent").string(), b.data.string(),
                                  "--host", "127.0.0.1", "--port", "0"}),
                           "missing.torrent");
}

TEST(bad_input, seed_corrupt_torrent)
{
    bad_inputs b;
    expect_one_line_exit_2(
        b.run({"seed", b.corrupt.string(), b.data.string(), "--host", "127.0.0.1", "--port", "0"}),
        "invalid bencoding: unexpected end of file in bencoded string (at byte ");
}

TEST(bad_input, seed_with_a_file_filter)
{
    bad_inputs b;
    expect_one_line_exit_2(b.run({"seed", b.corrupt.string(), b.data.string(), "--exclude", "\\.nfo$"}),
                           "--exclude applies to download and run");
}

TEST(bad_input, seed_magnet)
{
    bad_inputs b;
    expect_one_line_exit_2(
        b.run({"seed", "magnet:?xt=urn:btih:nothex", b.data.string(), "--host", "127.0.0.1", "--port", "0"}),
        "magnet");
}

TEST(bad_input, seed_missing_data)
{
    bad_inputs b;
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    make_case(tmp.path() / "seed", "payload", {{"", 1000}}, torrent, {});
    expect_one_line_exit_2(b.run({"seed", torrent.string(), (tmp.path() / "nothing").string(), "--host",
                                  "127.0.0.1", "--port", "0"}),
                           "nothing");
}

class seed_mismatch : public ::testing::TestWithParam<bool> {};

// Data of the right shape with different bytes is refused once checked.
TEST_P(seed_mismatch, refuses_data_that_does_not_match)
{
    bool const multi = GetParam();
    bad_inputs b;
    ts::temp_dir tmp;
    fs::path const torrent = tmp.path() / "t.torrent";
    std::vector<ts::payload_file> files =
        multi ? std::vector<ts::payload_file>{{"a.bin", 300000}, {"b.bin", 200000}}
              : std::vector<ts::payload_file>{{"", 500000}};
    make_case(tmp.path() / "seed", "payload", files, torrent, {});
    // Same names and sizes, other bytes.
    fs::path const other = tmp.path() / "other";
    if (multi)
        ts::make_payload(other / "payload", files, 99);
    else
        ts::make_payload(other, {{"payload", 500000}}, 99);
    expect_one_line_exit_2(
        b.run({"seed", torrent.string(), (other / "payload").string(), "--host", "127.0.0.1", "--port", "0"}),
        "does not match");
}

INSTANTIATE_TEST_SUITE_P(layouts, seed_mismatch, ::testing::Values(false, true), [](auto const& param_info) {
    return param_info.param ? "multi_file" : "single_file";
});

} // namespace
