// A web seed (BEP 19) on a real HTTP server on loopback: the download completes with no peers.
#include "interop_fixture.hpp"

#include <gtest/gtest.h>

namespace {

namespace fs = std::filesystem;
namespace ts = pico::test_support;
using namespace pico::interop;

class web_seed : public ::testing::TestWithParam<bool> {};

TEST_P(web_seed, download_completes_from_http_server_alone)
{
    INTEROP_REQUIRE_PROGRAM("python3");
    bool const multi = GetParam();
    ts::temp_dir tmp;
    fs::path const served = tmp.path() / "www";
    fs::create_directories(served);
    http_server http(served);

    fs::path const torrent = tmp.path() / "t.torrent";
    std::vector<ts::payload_file> files =
        multi ? std::vector<ts::payload_file>{{"a.bin", (1 << 20) + 1}, {"dir/b.bin", 300000}}
              : std::vector<ts::payload_file>{{"", (2 << 20) + 5}};
    // BEP 19: a URL ending in '/' gets the torrent's name (and for multi-file, the file path) appended.
    auto const payload = make_case(served, "payload", files, torrent, {.web_seeds = {http.url()}});

    auto const r = run_download(torrent.string(), tmp.path() / "out", tmp.path() / "d");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::string why;
    EXPECT_TRUE(ts::files_equal(payload, tmp.path() / "out" / "payload", &why)) << why;
}

INSTANTIATE_TEST_SUITE_P(layouts, web_seed, ::testing::Values(false, true), [](auto const& param_info) {
    return param_info.param ? "multi_file" : "single_file";
});

} // namespace
