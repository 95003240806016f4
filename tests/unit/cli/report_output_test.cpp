// The text and JSON renderings of a torrent_report, and the small formatters.
#include "cli/formatting.hpp"
#include "cli/hash_progress.hpp"
#include "cli/report_json.hpp"
#include "cli/report_text.hpp"

#include <gtest/gtest.h>
#include <sstream>

namespace pico::cli {
namespace {

torrent_report sample()
{
    torrent_report r;
    r.name = "multi";
    r.info_hash_v1 = std::string(40, 'a');
    r.info_hash_v2 = std::string(64, 'b');
    r.announce = "http://t1/a";
    r.announce_list = {{"http://t1/a"}, {"http://t2/a", "http://t3/a"}};
    r.url_list = {"http://ws/"};
    r.nodes = {{"127.0.0.1", 6881}, {"::1", 6882}};
    r.is_private = true;
    r.comment = "line one\nline\x1b[31m two";
    r.created_by = "PicoTorrent 0.1.0";
    r.creation_date = 1704164645;
    r.piece_length = 16384;
    r.piece_count = 2;
    r.total_size = 32768;
    file_report a;
    a.path = "multi/a.bin";
    a.size = 10000;
    a.pieces_root = std::string(64, 'c');
    a.piece_layer = {*a.pieces_root};
    file_report pad;
    pad.path = "multi/.pad/6384";
    pad.size = 6384;
    pad.offset = 10000;
    pad.pad = true;
    file_report b;
    b.path = "multi/b.bin";
    b.size = 16384;
    b.offset = 16384;
    b.executable = true;
    b.pieces_root = std::string(64, 'd');
    b.piece_layer = {*b.pieces_root};
    r.files = {a, pad, b};
    r.piece_hashes = {std::string(40, '1'), std::string(40, '2')};
    return r;
}

TEST(formatting, iso8601_utc)
{
    EXPECT_EQ(format_utc_iso8601(1704164645), "2024-01-02T03:04:05Z");
    EXPECT_EQ(format_utc_iso8601(0), "1970-01-01T00:00:00Z");
}

TEST(formatting, hex_and_sizes)
{
    EXPECT_EQ(to_hex(std::string("\x00\x0f\xab\xff", 4)), "000fabff");
    EXPECT_EQ(format_size(262144), "256 KiB");
    EXPECT_EQ(format_size(1536 * 1024), "1.5 MiB");
    EXPECT_EQ(format_size(100), "100 B");
}

TEST(report_json, schema_fields)
{
    auto const j = report_to_json(sample(), false);
    EXPECT_EQ(j["schema_version"], 1);
    EXPECT_EQ(j["name"], "multi");
    EXPECT_EQ(j["format"], "hybrid");
    EXPECT_EQ(j["info_hash"], std::string(40, 'a'));
    EXPECT_EQ(j["info_hash_v2"], std::string(64, 'b'));
    EXPECT_EQ(j["announce_list"].size(), 2u);
    EXPECT_EQ(j["announce_list"][1][1], "http://t3/a");
    EXPECT_EQ(j["nodes"][1]["host"], "::1");
    EXPECT_EQ(j["nodes"][1]["port"], 6882);
    EXPECT_EQ(j["private"], true);
    EXPECT_EQ(j["creation_date"], "2024-01-02T03:04:05Z");
    EXPECT_EQ(j["creation_date_unix"], 1704164645);
    EXPECT_EQ(j["http_seeds"], nlohmann::ordered_json::array());
    EXPECT_EQ(j["total_size"], 32768);
    EXPECT_EQ(j["payload_size"], 26384);
    EXPECT_EQ(j["files"].size(), 3u);
    EXPECT_EQ(j["files"][1]["pad"], true);
    EXPECT_EQ(j["files"][1]["pieces_root"], nullptr);
    EXPECT_EQ(j["files"][2]["offset"], 16384);
    EXPECT_EQ(j["files"][2]["executable"], true);
    EXPECT_FALSE(j.contains("pieces"));
    EXPECT_FALSE(j["files"][0].contains("piece_layer"));
    EXPECT_EQ(j.begin().key(), "schema_version");
}

TEST(report_json, show_pieces_adds_hashes_and_layers)
{
    auto const j = report_to_json(sample(), true);
    EXPECT_EQ(j["pieces"].size(), 2u);
    EXPECT_EQ(j["files"][0]["piece_layer"][0], std::string(64, 'c'));
    EXPECT_EQ(j["files"][1]["piece_layer"], nullptr);

    auto v2 = sample();
    v2.info_hash_v1.reset();
    v2.piece_hashes.clear();
    auto const j2 = report_to_json(v2, true);
    EXPECT_EQ(j2["pieces"], nullptr);
    EXPECT_EQ(j2["info_hash"], std::string(64, 'b'));
    EXPECT_EQ(j2["format"], "v2");
}

TEST(report_json, absent_values_are_null_and_bad_utf8_is_replaced)
{
    auto r = sample();
    r.comment.reset();
    r.creation_date.reset();
    r.announce = std::string("http://\xff/");
    auto const j = report_to_json(r, false);
    EXPECT_EQ(j["comment"], nullptr);
    EXPECT_EQ(j["creation_date"], nullptr);
    EXPECT_EQ(j["creation_date_unix"], nullptr);
    auto const text = report_to_json_text(r, false);
    EXPECT_NE(text.find("http://\xef\xbf\xbd/"), std::string::npos);
}

TEST(report_text, aligned_fields_and_file_table)
{
    std::ostringstream out;
    write_text_report(out, sample(), false);
    std::string const s = out.str();
    EXPECT_NE(s.find("name:           multi\n"), std::string::npos) << s;
    EXPECT_NE(s.find("info hash v1:   " + std::string(40, 'a') + "\n"), std::string::npos);
    EXPECT_NE(s.find("announce-list:  tier 1  http://t1/a\n                tier 2  http://t2/a\n"
                     "                tier 2  http://t3/a\n"),
              std::string::npos)
        << s;
    EXPECT_NE(s.find("nodes:          127.0.0.1:6881\n                [::1]:6882\n"), std::string::npos) << s;
    EXPECT_NE(s.find("private:        yes\n"), std::string::npos);
    // Multi-line comments continue at the value column; control characters are neutralized.
    EXPECT_NE(s.find("comment:        line one\n                line?[31m two\n"), std::string::npos) << s;
    EXPECT_NE(s.find("creation date:  2024-01-02T03:04:05Z\n"), std::string::npos);
    EXPECT_NE(s.find("piece length:   16384 (16 KiB)\n"), std::string::npos);
    EXPECT_NE(s.find("total size:     32768 (32 KiB)\npayload size:   26384 (25.8 KiB)\n"), std::string::npos)
        << s;
    EXPECT_NE(s.find("files:          2 (+1 pad file)\n"), std::string::npos) << s;
    EXPECT_NE(s.find("  offset    size  attr  path\n"), std::string::npos) << s;
    EXPECT_NE(s.find("   10000    6384  p     multi/.pad/6384\n"), std::string::npos) << s;
    EXPECT_NE(s.find("   16384   16384  x     multi/b.bin\n"), std::string::npos) << s;
    EXPECT_EQ(s.find("pieces (v1"), std::string::npos);
}

TEST(report_text, show_pieces_lists_v1_hashes_and_v2_layers)
{
    std::ostringstream out;
    write_text_report(out, sample(), true);
    std::string const s = out.str();
    EXPECT_NE(s.find("pieces (v1, SHA-1):\n  0  " + std::string(40, '1') + "\n  1  " + std::string(40, '2')),
              std::string::npos)
        << s;
    EXPECT_NE(s.find("piece layers (v2, SHA-256, per file):\n  multi/a.bin  (root " + std::string(64, 'c')),
              std::string::npos)
        << s;
    EXPECT_EQ(s.find("multi/.pad/6384  (root"), std::string::npos);
}

TEST(report_text, absent_values_show_a_dash)
{
    auto r = sample();
    r.info_hash_v2.reset();
    r.announce.reset();
    r.announce_list.clear();
    std::ostringstream out;
    write_text_report(out, r, false);
    EXPECT_NE(out.str().find("info hash v2:   -\n"), std::string::npos);
    EXPECT_NE(out.str().find("announce:       -\n"), std::string::npos);
    EXPECT_NE(out.str().find("announce-list:  -\n"), std::string::npos);
}

TEST(hash_progress, plain_lines_are_rate_limited_but_show_the_end)
{
    std::ostringstream out;
    hash_progress p(out, false, std::chrono::hours(1));
    p.update(1, 4);
    p.update(2, 4);
    p.update(3, 4);
    p.update(4, 4);
    p.finish();
    EXPECT_EQ(out.str(), "hashing: 25% (1/4 pieces)\nhashing: 100% (4/4 pieces)\n");
}

TEST(hash_progress, terminal_redraws_in_place)
{
    std::ostringstream out;
    hash_progress p(out, true, std::chrono::seconds(0));
    p.update(1, 2);
    p.update(2, 2);
    p.finish();
    EXPECT_EQ(out.str(), "\rhashing: 50% (1/2 pieces)\x1b[K\rhashing: 100% (2/2 pieces)\x1b[K\n");
}

} // namespace
} // namespace pico::cli
