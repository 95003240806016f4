// Parsing JSON with comments: what is accepted and where errors point (1-based line:column).
#include "config/config_error.hpp"
#include "config/json_text.hpp"
#include "json_error_for.hpp"

#include <gtest/gtest.h>

namespace pico::config {
namespace {

using test::error_for;

TEST(json_text, accepts_line_and_block_comments)
{
    auto const j = parse_json_with_comments("// leading\n{ /* inline */ \"a\": 1, // trailing\n"
                                            "  \"url\": \"http://example.org/*not a comment*/\" }\n",
                                            "F");
    EXPECT_EQ(j.at("a"), 1);
    EXPECT_EQ(j.at("url"), "http://example.org/*not a comment*/");
}

TEST(json_text, detects_comments_outside_strings_only)
{
    EXPECT_TRUE(has_comments("{ // x\n}"));
    EXPECT_TRUE(has_comments("{ /* x */ }"));
    EXPECT_FALSE(has_comments("{ \"u\": \"http://x/*y*/\" }"));
    EXPECT_FALSE(has_comments("{ \"a\": \"quote \\\" // still a string\" }"));
}

TEST(json_text, blank_means_only_whitespace_and_closed_comments)
{
    EXPECT_TRUE(is_blank(""));
    EXPECT_TRUE(is_blank(" \n\t// nothing here\n/* or here */\n"));
    EXPECT_FALSE(is_blank("{}"));
    EXPECT_FALSE(is_blank("/* never closed"));
}

TEST(json_text, trailing_comma_points_at_the_comma)
{
    EXPECT_EQ(error_for("{\n  \"a\": 1,\n  \"b\": 2,\n}\n"), "F:3:9: trailing comma before '}'");
    EXPECT_EQ(error_for("[1, 2,]"), "F:1:6: trailing comma before ']'");
}

TEST(json_text, trailing_comma_left_by_a_commented_out_entry)
{
    EXPECT_EQ(error_for("{\n  \"a\": 1,\n  // \"b\": 2\n}\n"), "F:2:9: trailing comma before '}'");
}

TEST(json_text, unterminated_string_points_at_its_opening_quote)
{
    EXPECT_EQ(error_for("{\n  \"a\": 1,\n  \"b\": \"abc\n}\n"), "F:3:8: unterminated string");
    EXPECT_EQ(error_for("{\n  \"a\": \"abc"), "F:2:8: unterminated string");
}

TEST(json_text, errors_on_the_first_line)
{
    EXPECT_EQ(error_for("{\"a\" 1}"), "F:1:6: expected ':' after the key");
    EXPECT_EQ(error_for("x"),
              "F:1:1: invalid value (expected true, false, null, a number or a \"quoted string\")");
    EXPECT_EQ(error_for("{'a': 1}"),
              "F:1:2: invalid value (expected true, false, null, a number or a \"quoted string\")");
}

TEST(json_text, missing_comma_points_at_the_next_key)
{
    EXPECT_EQ(error_for("{\n  \"a\": 1\n  \"b\": 2\n}\n"), "F:3:3: expected ',' or '}'");
    EXPECT_EQ(error_for("[1\n 2]"), "F:2:2: expected ',' or ']'");
}

TEST(json_text, mistyped_literal_points_at_its_start)
{
    EXPECT_EQ(error_for("{\"a\": tru}"),
              "F:1:7: invalid value (expected true, false, null, a number or a \"quoted string\")");
}

TEST(json_text, end_of_file_points_after_the_last_token)
{
    EXPECT_EQ(error_for("{\n  \"a\": 1 // no closing brace\n\n"),
              "F:2:9: unexpected end of file, expected '}'");
}

TEST(json_text, unterminated_block_comment_points_at_its_start)
{
    EXPECT_EQ(error_for("{\n  /* x\n\"a\": 1}"), "F:2:3: unterminated /* comment");
}

TEST(json_text, content_after_the_document)
{
    EXPECT_EQ(error_for("{\"a\": 1}}"), "F:1:9: unexpected '}' after the end of the document");
}

TEST(json_text, missing_value_and_doubled_comma)
{
    EXPECT_EQ(error_for("{\"a\": }"), "F:1:7: expected a value");
    EXPECT_EQ(error_for("{\"a\": 1,, \"b\": 2}"), "F:1:9: duplicate ','");
}

TEST(json_text, columns_count_characters_not_bytes)
{
    // "é" is two bytes in UTF-8 but one column in an editor.
    EXPECT_EQ(error_for("{\"\xC3\xA9\": tru}"),
              "F:1:7: invalid value (expected true, false, null, a number or a \"quoted string\")");
    auto const pos = position_of("ab\n\xC3\xA9x", 5);
    EXPECT_EQ(pos.line, 2u);
    EXPECT_EQ(pos.column, 2u);
}

TEST(json_text, position_of_counts_lines_from_one)
{
    auto const first = position_of("abc", 0);
    EXPECT_EQ(first.line, 1u);
    EXPECT_EQ(first.column, 1u);
    auto const crlf = position_of("a\r\nbc", 4);
    EXPECT_EQ(crlf.line, 2u);
    EXPECT_EQ(crlf.column, 2u);
}

} // namespace
} // namespace pico::config
