// util::percent_encode: what a token looks like in a URL's query or fragment.
#include "util/percent_encode.hpp"

#include <gtest/gtest.h>
#include <string>

TEST(percent_encode, unreserved_characters_pass_and_the_rest_become_percent_hex)
{
    using pico::util::percent_encode;
    EXPECT_EQ(percent_encode("0123456789abcdefXYZ-._~"), "0123456789abcdefXYZ-._~");
    EXPECT_EQ(percent_encode("a/b+c d&e=f#g?h%"), "a%2Fb%2Bc%20d%26e%3Df%23g%3Fh%25");
    EXPECT_EQ(percent_encode(std::string("\0\xff", 2)), "%00%FF");
    EXPECT_EQ(percent_encode(""), "");
}
