// read_metainfo on hand-built v1 torrents (every reported field) and on v2 / hybrid
// torrents made by create_torrent_file.
#include "cli/formatting.hpp"
#include "cli/metainfo_reader.hpp"
#include "cli/torrent_creator.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>
#include <iterator>
#include <libtorrent/bencode.hpp>
#include <libtorrent/entry.hpp>
#include <libtorrent/hasher.hpp>

namespace pico::cli {
namespace {

std::string bencode(lt::entry const& e)
{
    std::string out;
    lt::bencode(std::back_inserter(out), e);
    return out;
}

std::string sha1_hex(std::string const& data)
{
    return to_hex(lt::hasher(data.data(), static_cast<int>(data.size())).final().to_string());
}

lt::entry::list_type strings(std::initializer_list<char const*> items)
{
    lt::entry::list_type l;
    for (char const* s : items)
        l.emplace_back(s);
    return l;
}

TEST(metainfo_reader, v1_single_file_reports_every_field)
{
    std::string const pieces = test::payload(60, 1);
    lt::entry info;
    info["name"] = "file.bin";
    info["length"] = 40000;
    info["piece length"] = 16384;
    info["pieces"] = pieces;
    info["private"] = 1;
    lt::entry t;
    t["info"] = info;
    t["announce"] = "http://t1/announce";
    lt::entry::list_type tiers;
    tiers.emplace_back(strings({"http://t1/announce"}));
    tiers.emplace_back(strings({"  ", ""})); // blank tier: dropped, as libtorrent does
    tiers.emplace_back(strings({"http://t2/announce", " udp://t3:80"}));
    t["announce-list"] = tiers;
    t["url-list"] = "http://ws/file.bin";
    t["httpseeds"] = strings({"http://hs/seed"});
    lt::entry::list_type nodes;
    nodes.emplace_back(lt::entry::list_type{lt::entry("127.0.0.1"), lt::entry(6881)});
    nodes.emplace_back(lt::entry::list_type{lt::entry("::1"), lt::entry(6882)});
    t["nodes"] = nodes;
    t["comment"] = "a comment";
    t["created by"] = "hand";
    t["creation date"] = 1704164645;

    auto const r = read_metainfo(bencode(t));
    EXPECT_EQ(r.name, "file.bin");
    EXPECT_EQ(r.info_hash_v1, sha1_hex(bencode(info)));
    EXPECT_FALSE(r.info_hash_v2);
    EXPECT_STREQ(r.format(), "v1");
    EXPECT_EQ(r.info_hash(), *r.info_hash_v1);
    EXPECT_EQ(r.announce, "http://t1/announce");
    ASSERT_EQ(r.announce_list.size(), 2u);
    EXPECT_EQ(r.announce_list[0], std::vector<std::string>{"http://t1/announce"});
    EXPECT_EQ(r.announce_list[1], (std::vector<std::string>{"http://t2/announce", "udp://t3:80"}));
    EXPECT_EQ(r.url_list, std::vector<std::string>{"http://ws/file.bin"});
    EXPECT_EQ(r.http_seeds, std::vector<std::string>{"http://hs/seed"});
    ASSERT_EQ(r.nodes.size(), 2u);
    EXPECT_EQ(r.nodes[0].host, "127.0.0.1");
    EXPECT_EQ(r.nodes[0].port, 6881);
    EXPECT_EQ(r.nodes[1].host, "::1");
    EXPECT_EQ(r.nodes[1].port, 6882);
    EXPECT_TRUE(r.is_private);
    EXPECT_EQ(r.comment, "a comment");
    EXPECT_EQ(r.created_by, "hand");
    EXPECT_EQ(r.creation_date, 1704164645);
    EXPECT_EQ(r.piece_length, 16384);
    EXPECT_EQ(r.piece_count, 3);
    EXPECT_EQ(r.total_size, 40000);
    ASSERT_EQ(r.files.size(), 1u);
    EXPECT_EQ(r.files[0].path, "file.bin");
    EXPECT_EQ(r.files[0].size, 40000);
    EXPECT_EQ(r.files[0].offset, 0);
    EXPECT_FALSE(r.files[0].pad);
    EXPECT_FALSE(r.files[0].pieces_root);
    ASSERT_EQ(r.piece_hashes.size(), 3u);
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(r.piece_hashes[i], to_hex(pieces.substr(i * 20, 20)));
}

TEST(metainfo_reader, v1_multi_file_table_marks_pad_and_attributes)
{
    lt::entry::list_type files;
    lt::entry f1;
    f1["length"] = 20000;
    f1["path"] = strings({"a", "x.bin"});
    f1["attr"] = "x";
    lt::entry pad;
    pad["length"] = 12768;
    pad["path"] = strings({".pad", "12768"});
    pad["attr"] = "p";
    lt::entry f2;
    f2["length"] = 5;
    f2["path"] = strings({"b.txt"});
    f2["attr"] = "h";
    files = {f1, pad, f2};
    lt::entry info;
    info["name"] = "multi";
    info["files"] = files;
    info["piece length"] = 16384;
    info["pieces"] = test::payload(60, 2);
    lt::entry t;
    t["info"] = info;
    t["url-list"] = strings({"http://ws/a", "http://ws/a"});

    auto const r = read_metainfo(bencode(t));
    EXPECT_EQ(r.name, "multi");
    EXPECT_FALSE(r.announce);
    EXPECT_TRUE(r.announce_list.empty());
    EXPECT_FALSE(r.is_private);
    EXPECT_FALSE(r.comment);
    EXPECT_FALSE(r.created_by);
    EXPECT_FALSE(r.creation_date);
    // Multi-file web seeds name a directory: libtorrent adds the slash and drops duplicates.
    EXPECT_EQ(r.url_list, std::vector<std::string>{"http://ws/a/"});
    EXPECT_EQ(r.total_size, 32773);
    EXPECT_EQ(r.payload_size(), 20005);
    EXPECT_EQ(r.piece_count, 3);
    ASSERT_EQ(r.files.size(), 3u);
    EXPECT_EQ(r.files[0].path, "multi/a/x.bin");
    EXPECT_TRUE(r.files[0].executable);
    EXPECT_FALSE(r.files[0].pad);
    EXPECT_EQ(r.files[1].path, "multi/.pad/12768");
    EXPECT_TRUE(r.files[1].pad);
    EXPECT_EQ(r.files[1].offset, 20000);
    EXPECT_EQ(r.files[2].path, "multi/b.txt");
    EXPECT_TRUE(r.files[2].hidden);
    EXPECT_EQ(r.files[2].offset, 32768);
    EXPECT_EQ(r.files[2].size, 5);
}

// A directory with one file over a piece and one under, built as `format`.
torrent_report make_and_read(test::temp_dir const& dir, torrent_format format)
{
    dir.write("data/big.bin", test::payload(3 * 16384 + 100, 3));
    dir.write("data/small.txt", test::payload(700, 4));
    create_options o;
    o.source = dir.path() / "data";
    o.piece_size = 16384;
    o.format = format;
    auto const t = create_torrent_file(o);
    return read_metainfo(std::string_view(t.data.data(), t.data.size()));
}

TEST(metainfo_reader, v2_only_reports_roots_and_piece_layers)
{
    test::temp_dir dir;
    auto const r = make_and_read(dir, torrent_format::v2_only);
    EXPECT_STREQ(r.format(), "v2");
    EXPECT_FALSE(r.info_hash_v1);
    ASSERT_TRUE(r.info_hash_v2);
    EXPECT_EQ(r.info_hash_v2->size(), 64u);
    EXPECT_EQ(r.info_hash(), *r.info_hash_v2);
    EXPECT_TRUE(r.piece_hashes.empty());
    EXPECT_EQ(r.name, "data");
    int real_files = 0;
    for (auto const& f : r.files) {
        if (f.pad)
            continue;
        ++real_files;
        ASSERT_TRUE(f.pieces_root) << f.path;
        EXPECT_EQ(f.pieces_root->size(), 64u);
        auto const pieces = static_cast<std::size_t>((f.size + r.piece_length - 1) / r.piece_length);
        ASSERT_EQ(f.piece_layer.size(), pieces) << f.path;
        if (pieces == 1) {
            EXPECT_EQ(f.piece_layer[0], *f.pieces_root);
        }
    }
    EXPECT_EQ(real_files, 2);
}

TEST(metainfo_reader, hybrid_reports_both_hashes_and_pad_files)
{
    test::temp_dir dir;
    auto const r = make_and_read(dir, torrent_format::hybrid);
    EXPECT_STREQ(r.format(), "hybrid");
    ASSERT_TRUE(r.info_hash_v1);
    ASSERT_TRUE(r.info_hash_v2);
    EXPECT_EQ(r.info_hash(), *r.info_hash_v1);
    EXPECT_EQ(r.piece_hashes.size(), static_cast<std::size_t>(r.piece_count));
    // v2 alignment: the first file is padded to a piece boundary.
    ASSERT_GE(r.files.size(), 3u);
    EXPECT_EQ(r.files[0].path, "data/big.bin");
    EXPECT_TRUE(r.files[1].pad);
    EXPECT_FALSE(r.files[1].pieces_root);
    EXPECT_EQ(r.files[2].path, "data/small.txt");
    EXPECT_EQ(r.files[2].offset % r.piece_length, 0);
    for (std::size_t i = 3; i < r.files.size(); ++i)
        EXPECT_TRUE(r.files[i].pad);
    EXPECT_EQ(r.payload_size(), 3 * 16384 + 100 + 700);
    std::int64_t sum = 0;
    for (auto const& f : r.files) {
        EXPECT_EQ(f.offset, sum);
        sum += f.size;
    }
    EXPECT_EQ(r.total_size, sum);
}

TEST(metainfo_reader, v1_only_has_no_v2_data)
{
    test::temp_dir dir;
    auto const r = make_and_read(dir, torrent_format::v1_only);
    EXPECT_STREQ(r.format(), "v1");
    EXPECT_FALSE(r.info_hash_v2);
    ASSERT_EQ(r.files.size(), 2u);
    EXPECT_EQ(r.total_size, 3 * 16384 + 100 + 700);
    for (auto const& f : r.files) {
        EXPECT_FALSE(f.pad);
        EXPECT_FALSE(f.pieces_root);
        EXPECT_TRUE(f.piece_layer.empty());
    }
}

} // namespace
} // namespace pico::cli
