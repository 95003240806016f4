// run_creation_job (host::create_torrent's work): the request reaches the real creator, the
// file is written, the progress callback can stop it, and bad input is one line in the result.
#include "cli/metainfo_reader.hpp"
#include "cli/torrent_creation_job.hpp"
#include "temp_dir.hpp"
#include "util/atomic_file.hpp"

#include <gtest/gtest.h>

namespace pico::cli {
namespace {

sdk::create_torrent_request request_for(test::temp_dir const& dir)
{
    dir.write("share/one.bin", test::payload(200000, 1));
    dir.write("share/two.bin", test::payload(5000, 2));
    sdk::create_torrent_request r;
    r.source = (dir.path() / "share").string();
    r.output = (dir.path() / "out" / "share.torrent").string();
    r.trackers = {"http://127.0.0.1:1/announce"};
    r.web_seeds = {"http://127.0.0.1:2/files/"};
    r.piece_size_kib = 16;
    r.is_private = true;
    r.format = sdk::torrent_format::v1_only;
    r.comment = "from the GUI";
    return r;
}

TEST(torrent_creation_job, writes_the_torrent_the_request_describes)
{
    test::temp_dir dir;
    auto const request = request_for(dir);
    std::int32_t last_done = 0;
    std::int32_t last_total = 0;
    auto const result = run_creation_job(
        request,
        [&](std::int32_t done, std::int32_t total) {
            last_done = done;
            last_total = total;
            return true;
        },
        "PicoTorrent test");
    ASSERT_TRUE(result.ok) << result.error;
    EXPECT_EQ(result.output, request.output);
    auto const report = read_metainfo(util::read_file(request.output));
    EXPECT_EQ(report.info_hash(), result.info_hash);
    EXPECT_STREQ(report.format(), "v1");
    EXPECT_EQ(report.piece_length, 16384);
    EXPECT_TRUE(report.is_private);
    EXPECT_EQ(report.comment, "from the GUI");
    EXPECT_EQ(report.created_by, "PicoTorrent test");
    EXPECT_EQ(report.url_list, request.web_seeds);
    EXPECT_EQ(result.piece_count, 13); // 205,000 bytes in 16 KiB pieces
    EXPECT_EQ(last_done, result.piece_count);
    EXPECT_EQ(last_total, result.piece_count);
}

TEST(torrent_creation_job, progress_returning_false_stops_and_writes_nothing)
{
    test::temp_dir dir;
    auto const request = request_for(dir);
    int calls = 0;
    auto const result = run_creation_job(request,
                                         [&](std::int32_t, std::int32_t) {
                                             ++calls;
                                             return calls < 3;
                                         },
                                         {});
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(result.cancelled);
    EXPECT_EQ(calls, 3);
    EXPECT_FALSE(std::filesystem::exists(request.output));
}

TEST(torrent_creation_job, refuses_an_existing_output_unless_told_to_replace_it)
{
    test::temp_dir dir;
    auto request = request_for(dir);
    dir.write("out/share.torrent", "old");
    auto const refused = run_creation_job(request, {}, {});
    EXPECT_FALSE(refused.ok);
    EXPECT_FALSE(refused.cancelled);
    EXPECT_EQ(refused.error, request.output + " already exists");
    EXPECT_EQ(util::read_file(request.output), "old");
    request.overwrite = true;
    EXPECT_TRUE(run_creation_job(request, {}, {}).ok);
}

TEST(torrent_creation_job, bad_input_is_one_line)
{
    test::temp_dir dir;
    auto request = request_for(dir);
    request.piece_size_kib = 20;
    auto const bad_piece = run_creation_job(request, {}, {});
    EXPECT_FALSE(bad_piece.ok);
    EXPECT_NE(bad_piece.error.find("piece size 20 KiB"), std::string::npos) << bad_piece.error;
    request.piece_size_kib = 0;
    request.source = (dir.path() / "missing").string();
    auto const missing = run_creation_job(request, {}, {});
    EXPECT_NE(missing.error.find("no such file or directory"), std::string::npos) << missing.error;
    EXPECT_EQ(missing.error.find('\n'), std::string::npos);
}

} // namespace
} // namespace pico::cli
