// create_torrent_file: options round-trip through read_metainfo, the hashes are right,
// and bad input is refused with create_error.
#include "cli/formatting.hpp"
#include "cli/metainfo_reader.hpp"
#include "cli/torrent_creator.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <libtorrent/hasher.hpp>

namespace pico::cli {
namespace {

torrent_report read_back(created_torrent const& t)
{
    return read_metainfo(std::string_view(t.data.data(), t.data.size()));
}

TEST(torrent_creator, options_round_trip)
{
    test::temp_dir dir;
    dir.write("share/one.bin", test::payload(50000, 1));
    dir.write("share/sub/two.bin", test::payload(1234, 2));
    create_options o;
    o.source = dir.path() / "share";
    o.trackers = {"http://127.0.0.1:1/announce", "udp://127.0.0.1:2", "http://127.0.0.1:3/announce"};
    o.web_seeds = {"http://127.0.0.1:4/files/", "http://127.0.0.1:5/mirror/"};
    o.piece_size = piece_size_from_kib(32);
    o.is_private = true;
    o.comment = "round trip";
    o.creator = "PicoTorrent test";
    o.creation_date = 1704164645;

    auto const t = create_torrent_file(o);
    auto const r = read_back(t);
    EXPECT_EQ(r.name, "share");
    EXPECT_STREQ(r.format(), "hybrid");
    EXPECT_EQ(r.info_hash_v1, t.info_hash_v1);
    EXPECT_EQ(r.info_hash_v2, t.info_hash_v2);
    // Each tracker is its own tier, in the order given.
    ASSERT_EQ(r.announce_list.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(r.announce_list[i], std::vector<std::string>{o.trackers[i]});
    EXPECT_EQ(r.announce, o.trackers[0]);
    EXPECT_EQ(r.url_list, o.web_seeds);
    EXPECT_TRUE(r.is_private);
    EXPECT_EQ(r.comment, "round trip");
    EXPECT_EQ(r.created_by, "PicoTorrent test");
    EXPECT_EQ(r.creation_date, 1704164645);
    EXPECT_EQ(r.piece_length, 32768);
    EXPECT_EQ(r.piece_count, t.piece_count);
}

TEST(torrent_creator, defaults_are_public_hybrid_without_trackers_dated_now)
{
    test::temp_dir dir;
    auto const file = dir.write("single.bin", test::payload(20000, 3));
    create_options o;
    o.source = file;
    auto const before = std::time(nullptr);
    auto const r = read_back(create_torrent_file(o));
    EXPECT_EQ(r.name, "single.bin");
    ASSERT_EQ(r.files.size(), 1u);
    EXPECT_EQ(r.files[0].path, "single.bin");
    EXPECT_STREQ(r.format(), "hybrid");
    EXPECT_FALSE(r.is_private);
    EXPECT_FALSE(r.announce);
    EXPECT_TRUE(r.announce_list.empty());
    EXPECT_TRUE(r.url_list.empty());
    EXPECT_FALSE(r.comment);
    EXPECT_FALSE(r.created_by);
    ASSERT_TRUE(r.creation_date);
    EXPECT_GE(*r.creation_date, before);
    EXPECT_LE(*r.creation_date, std::time(nullptr));
}

TEST(torrent_creator, v1_piece_hashes_match_the_data)
{
    test::temp_dir dir;
    std::string const data = test::payload(16384 * 2 + 999, 4);
    auto const file = dir.write("data.bin", data);
    create_options o;
    o.source = file;
    o.piece_size = 16384;
    o.format = torrent_format::v1_only;
    auto const r = read_back(create_torrent_file(o));
    EXPECT_STREQ(r.format(), "v1");
    ASSERT_EQ(r.piece_hashes.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i) {
        std::string const piece = data.substr(i * 16384, 16384);
        EXPECT_EQ(r.piece_hashes[i],
                  to_hex(lt::hasher(piece.data(), static_cast<int>(piece.size())).final().to_string()));
    }
}

TEST(torrent_creator, v2_only_single_small_file_root_is_sha256_of_its_block)
{
    test::temp_dir dir;
    std::string const data = test::payload(1000, 5);
    auto const file = dir.write("small.bin", data);
    create_options o;
    o.source = file;
    o.format = torrent_format::v2_only;
    auto const t = create_torrent_file(o);
    EXPECT_TRUE(t.info_hash_v1.empty());
    auto const r = read_back(t);
    EXPECT_STREQ(r.format(), "v2");
    // libtorrent pads a v2 file to a whole piece, even the last one.
    ASSERT_GE(r.files.size(), 1u);
    for (std::size_t i = 1; i < r.files.size(); ++i)
        EXPECT_TRUE(r.files[i].pad);
    EXPECT_EQ(r.files[0].size, 1000);
    EXPECT_EQ(r.payload_size(), 1000);
    // A file of one block: its merkle root is the SHA-256 of that block.
    EXPECT_EQ(r.files[0].pieces_root,
              to_hex(lt::hasher256(data.data(), static_cast<int>(data.size())).final().to_string()));
}

TEST(torrent_creator, trailing_slash_names_the_directory)
{
    test::temp_dir dir;
    dir.write("folder/a.txt", "hello");
    create_options o;
    o.source = (dir.path() / "folder").string() + "/";
    EXPECT_EQ(read_back(create_torrent_file(o)).name, "folder");
}

TEST(torrent_creator, progress_counts_every_piece)
{
    test::temp_dir dir;
    auto const file = dir.write("p.bin", test::payload(16384 * 5, 6));
    create_options o;
    o.source = file;
    o.piece_size = 16384;
    o.format = torrent_format::v1_only;
    std::vector<std::pair<int, int>> calls;
    auto const t = create_torrent_file(o, [&](int done, int total) { calls.emplace_back(done, total); });
    ASSERT_EQ(calls.size(), 5u);
    for (std::size_t i = 0; i < calls.size(); ++i)
        EXPECT_EQ(calls[i], std::make_pair(static_cast<int>(i) + 1, 5));
    EXPECT_EQ(t.piece_count, 5);
}

TEST(torrent_creator, refuses_bad_input)
{
    test::temp_dir dir;
    create_options o;
    o.source = dir.path() / "missing";
    EXPECT_THROW(create_torrent_file(o), create_error);

    std::filesystem::create_directories(dir.path() / "empty");
    o.source = dir.path() / "empty";
    EXPECT_THROW(create_torrent_file(o), create_error);

    dir.write("zeros/a", "");
    o.source = dir.path() / "zeros";
    EXPECT_THROW(create_torrent_file(o), create_error);

    o.source = dir.write("ok.bin", "x");
    o.trackers = {""};
    EXPECT_THROW(create_torrent_file(o), create_error);
    o.trackers.clear();
    o.piece_size = 20000;
    EXPECT_THROW(create_torrent_file(o), create_error);
}

TEST(torrent_creator, piece_size_must_be_a_power_of_two_of_at_least_16_kib)
{
    EXPECT_EQ(piece_size_from_kib(16), 16384);
    EXPECT_EQ(piece_size_from_kib(1024), 1024 * 1024);
    EXPECT_EQ(piece_size_from_kib(524288), 512 * 1024 * 1024);
    for (std::int64_t bad : std::vector<std::int64_t>{0, -16, 8, 24, 1000, 1048576, std::int64_t(1) << 40})
        EXPECT_THROW(piece_size_from_kib(bad), create_error) << bad;
}

} // namespace
} // namespace pico::cli
