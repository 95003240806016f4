// Malformed torrents: each gives one metainfo_error line naming the problem and the
// byte offset it concerns.
#include "cli/metainfo_reader.hpp"
#include "metainfo_test_text.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

namespace pico::cli {
namespace {

using test::hashes20;

// A valid single-file v1 torrent with `info_body` spliced into its info dictionary.
std::string torrent_with_info(std::string const& info_body)
{
    return "d4:infod" + info_body + "ee";
}

metainfo_error error_of(std::string const& buffer)
{
    try {
        read_metainfo(buffer);
    } catch (metainfo_error const& e) {
        return e;
    }
    ADD_FAILURE() << "no error for: " << buffer;
    return metainfo_error("none");
}

void expect_error(std::string const& buffer, std::string const& problem_part, std::int64_t offset)
{
    auto const e = error_of(buffer);
    EXPECT_NE(e.problem().find(problem_part), std::string::npos) << e.what();
    ASSERT_TRUE(e.offset()) << e.what();
    EXPECT_EQ(*e.offset(), offset) << e.what();
    std::string const line = e.what();
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_NE(line.find("(at byte " + std::to_string(offset) + ")"), std::string::npos) << line;
}

std::int64_t offset_of(std::string const& buffer, std::string const& part)
{
    auto const pos = buffer.find(part);
    EXPECT_NE(pos, std::string::npos) << part;
    return static_cast<std::int64_t>(pos);
}

TEST(metainfo_errors, valid_baseline_parses)
{
    auto const r =
        read_metainfo(torrent_with_info("6:lengthi5e4:name1:a12:piece lengthi16384e6:pieces20:" + hashes20));
    EXPECT_EQ(r.name, "a");
}

TEST(metainfo_errors, truncated_file_points_at_the_cut_item)
{
    std::string const full =
        torrent_with_info("6:lengthi5e4:name1:a12:piece lengthi16384e6:pieces20:" + hashes20);
    std::string const cut = full.substr(0, full.size() - 12);
    // bdecode points at the item that runs past the end: the colon after the "pieces" length.
    expect_error(cut, "unexpected end of file", offset_of(cut, ":hhhh"));
}

TEST(metainfo_errors, empty_file)
{
    expect_error("", "invalid bencoding", 0);
}

TEST(metainfo_errors, bad_bencoding_at_known_offset)
{
    // "x" where a string length digit or 'e' must be.
    std::string const bad = "d8:announce3:url4:infod6:lengthi5ex4:name1:aee";
    expect_error(bad, "invalid bencoding", offset_of(bad, "x4:name"));
}

TEST(metainfo_errors, bad_integer_at_known_offset)
{
    std::string const bad = "d8:announce3:url7:privatei1a2ee";
    expect_error(bad, "invalid bencoding", offset_of(bad, "a2ee"));
}

TEST(metainfo_errors, missing_info)
{
    expect_error("d8:announce16:http://t/announcee", "has no 'info'", 0);
}

TEST(metainfo_errors, info_not_a_dictionary)
{
    std::string const bad = "d8:announce3:url4:infoli1eee";
    expect_error(bad, "'info' is a list, not a dictionary", offset_of(bad, "li1e"));
}

TEST(metainfo_errors, non_dictionary_root)
{
    expect_error("li1ei2ee", "the top level is a list, not a dictionary", 0);
    expect_error("i42e", "the top level is an integer", 0);
}

TEST(metainfo_errors, negative_length)
{
    std::string const bad =
        torrent_with_info("6:lengthi-5e4:name1:a12:piece lengthi16384e6:pieces20:" + hashes20);
    expect_error(bad, "'info.length' is negative (-5)", offset_of(bad, "i-5e"));
}

TEST(metainfo_errors, negative_length_in_file_list)
{
    std::string const bad = torrent_with_info("5:filesld6:lengthi5e4:pathl1:aeed6:lengthi-7e4:pathl1:beee"
                                              "4:name1:d12:piece lengthi16384e6:pieces20:" +
                                              hashes20);
    expect_error(bad, "'info.files[1].length' is negative (-7)", offset_of(bad, "i-7e"));
}

TEST(metainfo_errors, piece_length_zero)
{
    std::string const bad = torrent_with_info("6:lengthi5e4:name1:a12:piece lengthi0e6:pieces20:" + hashes20);
    expect_error(bad, "'info.piece length' is 0", offset_of(bad, "i0e"));
}

TEST(metainfo_errors, missing_piece_length_points_at_info)
{
    std::string const bad = torrent_with_info("6:lengthi5e4:name1:a6:pieces20:" + hashes20);
    expect_error(bad, "'info' has no 'piece length'", offset_of(bad, "d6:length"));
}

TEST(metainfo_errors, piece_length_of_wrong_type)
{
    std::string const bad =
        torrent_with_info("6:lengthi5e4:name1:a12:piece length3:abc6:pieces20:" + hashes20);
    expect_error(bad, "'info.piece length' is a string, not an integer", offset_of(bad, "3:abc"));
}

TEST(metainfo_errors, missing_name)
{
    std::string const bad = torrent_with_info("6:lengthi5e12:piece lengthi16384e6:pieces20:" + hashes20);
    expect_error(bad, "'info' has no 'name'", offset_of(bad, "d6:length"));
}

TEST(metainfo_errors, pieces_of_wrong_size)
{
    std::string const bad =
        torrent_with_info("6:lengthi5e4:name1:a12:piece lengthi16384e6:pieces19:" + std::string(19, 'h'));
    expect_error(bad, "not a multiple of 20", offset_of(bad, "19:"));
}

TEST(metainfo_errors, pieces_count_mismatch)
{
    // 40000 bytes in 16 KiB pieces need 3 hashes, not 1.
    std::string const bad =
        torrent_with_info("6:lengthi40000e4:name1:a12:piece lengthi16384e6:pieces20:" + hashes20);
    expect_error(bad, "holds 1 hashes but 40000 bytes in pieces of 16384 need 3", offset_of(bad, "20:hhh"));
}

TEST(metainfo_errors, missing_length_and_files)
{
    std::string const bad = torrent_with_info("4:name1:a12:piece lengthi16384e6:pieces20:" + hashes20);
    expect_error(bad, "neither 'length' nor 'files'", offset_of(bad, "d4:name"));
}

TEST(metainfo_errors, v2_piece_length_not_power_of_two)
{
    std::string const bad =
        torrent_with_info("9:file treed1:ad0:d6:lengthi5e11:pieces root32:" + std::string(32, 'r') +
                          "eee12:meta versioni2e4:name1:a12:piece lengthi20000ee");
    expect_error(bad, "not a power of two of at least 16 KiB", offset_of(bad, "i20000e"));
}

TEST(metainfo_errors, v2_bad_pieces_root)
{
    std::string const bad = torrent_with_info("9:file treed1:ad0:d6:lengthi5e11:pieces root3:rrreee"
                                              "12:meta versioni2e4:name1:a12:piece lengthi16384ee");
    expect_error(bad, "'info.file tree.a.''.pieces root' is 3 bytes, not 32", offset_of(bad, "3:rrr"));
}

TEST(metainfo_errors, unknown_meta_version)
{
    std::string const bad = torrent_with_info(
        "6:lengthi5e12:meta versioni3e4:name1:a12:piece lengthi16384e6:pieces20:" + hashes20);
    expect_error(bad, "unsupported 'info.meta version' 3", offset_of(bad, "i3e"));
}

TEST(metainfo_errors, missing_file_is_one_line_without_offset)
{
    test::temp_dir dir;
    try {
        read_metainfo_file(dir.path() / "nope.torrent");
        FAIL() << "no error";
    } catch (metainfo_error const& e) {
        EXPECT_EQ(std::string(e.what()), "no such file");
        EXPECT_FALSE(e.offset());
    }
}

TEST(metainfo_errors, directory_is_refused)
{
    test::temp_dir dir;
    EXPECT_THROW(read_metainfo_file(dir.path()), metainfo_error);
}

TEST(metainfo_errors, file_contents_are_diagnosed_like_buffers)
{
    test::temp_dir dir;
    auto const path = dir.write("bad.torrent", "li1ee");
    try {
        read_metainfo_file(path);
        FAIL() << "no error";
    } catch (metainfo_error const& e) {
        EXPECT_EQ(e.offset(), 0);
    }
}

} // namespace
} // namespace pico::cli
