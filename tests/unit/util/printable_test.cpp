#include "util/printable.hpp"

#include <gtest/gtest.h>
#include <string>

using pico::util::printable;

TEST(printable, keeps_plain_and_utf8_text)
{
    EXPECT_EQ(printable("hello world"), "hello world");
    EXPECT_EQ(printable("caf\xC3\xA9 \xE2\x9C\x93"), "caf\xC3\xA9 \xE2\x9C\x93");
}

TEST(printable, escapes_line_breaks_and_terminal_escapes)
{
    EXPECT_EQ(printable("a\nb\rc\td"), "a\\nb\\rc\\td");
    EXPECT_EQ(printable("\x1B[2J"), "\\e[2J");
    EXPECT_EQ(printable(std::string("x\0y", 3)), "x\\x00y");
    EXPECT_EQ(printable("\x7F"), "\\x7f");
    EXPECT_EQ(printable("back\\slash"), "back\\\\slash");
}

TEST(printable, escapes_c1_controls_and_invalid_utf8)
{
    EXPECT_EQ(printable("\xC2\x9B"
                        "31m"),
              "\\u009b31m");
    EXPECT_EQ(printable("\xFF\xFE"), "\\xff\\xfe");
    EXPECT_EQ(printable("\xC0\xAF"), "\\xc0\\xaf");          // overlong '/'
    EXPECT_EQ(printable("\xED\xA0\x80"), "\\xed\\xa0\\x80"); // surrogate
    EXPECT_EQ(printable("\xE2\x9C"), "\\xe2\\x9c");          // cut short
}

TEST(printable, truncates_long_text_at_a_character_boundary)
{
    std::string const long_key(100000, 'k');
    auto const out = printable(long_key, 50);
    EXPECT_EQ(out, std::string(50, 'k') + "...");

    // An escape is never cut in half: "\n" needs two bytes and only one is left.
    EXPECT_EQ(printable("abc\n", 4), "abc...");
    // Nor is a UTF-8 sequence.
    EXPECT_EQ(printable("ab\xC3\xA9", 3), "ab...");
}
