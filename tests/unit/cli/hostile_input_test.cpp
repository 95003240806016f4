// Inputs written by someone else: deep nesting, control characters, huge keys, huge files,
// far-future dates. Each gives one short, escaped line, never a crash.
#include "cli/echo.hpp"
#include "cli/formatting.hpp"
#include "cli/metainfo_reader.hpp"
#include "metainfo_test_text.hpp"
#include "temp_dir.hpp"

#include <fstream>
#include <gtest/gtest.h>
#include <limits>

namespace pico::cli {
namespace {

using test::hashes20;

std::string error_line(std::string const& buffer)
{
    try {
        read_metainfo(buffer);
    } catch (metainfo_error const& e) {
        return e.what();
    }
    ADD_FAILURE() << "no error";
    return {};
}

bool has_control(std::string const& s)
{
    for (char c : s) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return true;
    }
    return false;
}

// A v2 torrent whose file tree has one directory named `key` holding a broken file entry, so
// the diagnosis quotes the key.
std::string v2_with_tree_key(std::string const& key)
{
    std::string const file = "d0:d6:lengthi5eee"; // no "pieces root": an error naming the path
    std::string info = "9:file treed" + std::to_string(key.size()) + ":" + key + file + "e" +
                       "12:meta versioni2e4:name1:a12:piece lengthi16384e";
    return "d4:infod" + info + "e12:piece layersdee";
}

TEST(cli_hostile_input, deeply_nested_list_is_one_line_not_a_stack_overflow)
{
    std::string deep = "d4:infod5:filesl";
    deep += std::string(100000, 'l') + std::string(100000, 'e') + "eee";
    auto const line = error_line(deep);
    EXPECT_NE(line.find("depth"), std::string::npos) << line.substr(0, 200);
    EXPECT_LT(line.size(), 300u);
}

TEST(cli_hostile_input, newline_and_escape_in_a_file_tree_key_are_escaped)
{
    auto const line = error_line(v2_with_tree_key("evil\nname\x1b[31m"));
    EXPECT_FALSE(has_control(line)) << line;
    EXPECT_NE(line.find("evil\\nname\\e[31m"), std::string::npos) << line;
}

TEST(cli_hostile_input, a_100000_byte_key_gives_a_short_line)
{
    auto const line = error_line(v2_with_tree_key(std::string(100000, 'k')));
    EXPECT_LT(line.size(), 400u) << line.substr(0, 400);
    EXPECT_NE(line.find("kkk..."), std::string::npos) << line.substr(0, 400);
}

TEST(cli_hostile_input, dev_zero_is_refused_after_reading_at_most_the_limit)
{
    try {
        read_metainfo_file("/dev/zero");
        ADD_FAILURE() << "no error";
    } catch (metainfo_error const& e) {
        EXPECT_NE(std::string(e.what()).find("larger than"), std::string::npos) << e.what();
    }
}

TEST(cli_hostile_input, an_oversized_regular_file_is_refused_on_its_size)
{
    test::temp_dir tmp;
    auto const big = tmp.path() / "big.torrent";
    {
        std::ofstream out(big, std::ios::binary);
        out.seekp(300 * 1024 * 1024);
        out.put('x'); // sparse: 300 MiB on paper, one block on disk
    }
    try {
        read_metainfo_file(big);
        ADD_FAILURE() << "no error";
    } catch (metainfo_error const& e) {
        EXPECT_NE(std::string(e.what()).find("larger than"), std::string::npos) << e.what();
    }
}

TEST(cli_hostile_input, creation_date_past_year_9999_is_iso8601_expanded)
{
    EXPECT_EQ(format_utc_iso8601(253402300800), "+10000-01-01T00:00:00Z");
    EXPECT_EQ(format_utc_iso8601(253402300799), "9999-12-31T23:59:59Z");
    // Beyond what gmtime's int year holds: still a date, not a bare number.
    auto const far = format_utc_iso8601(std::numeric_limits<std::int64_t>::max());
    EXPECT_EQ(far.front(), '+') << far;
    EXPECT_EQ(far.back(), 'Z') << far;
    EXPECT_EQ(format_utc_iso8601(-1), "1969-12-31T23:59:59Z");
}

TEST(cli_hostile_input, inspect_report_carries_the_magnet_link)
{
    auto const r =
        read_metainfo("d4:infod6:lengthi5e4:name1:a12:piece lengthi16384e6:pieces20:" + hashes20 + "ee");
    EXPECT_EQ(r.magnet_link.rfind("magnet:?xt=urn:btih:" + *r.info_hash_v1, 0), 0u) << r.magnet_link;
}

} // namespace
} // namespace pico::cli
