#include "url.hpp"

#include <gtest/gtest.h>

namespace pico::updater {
namespace {

url parse(std::string const& text)
{
    std::string error;
    auto u = parse_url(text, error);
    EXPECT_TRUE(u) << text << ": " << error;
    return u.value_or(url{});
}

TEST(url, splits_https_and_http_urls)
{
    auto u = parse("https://api.github.com/repos/picotorrent/picotorrent/releases/latest");
    EXPECT_TRUE(u.secure());
    EXPECT_EQ(u.host, "api.github.com");
    EXPECT_EQ(u.port, 443);
    EXPECT_EQ(u.target, "/repos/picotorrent/picotorrent/releases/latest");
    EXPECT_EQ(u.host_header(), "api.github.com");

    u = parse("HTTP://127.0.0.1:8080?x=1#frag");
    EXPECT_FALSE(u.secure());
    EXPECT_EQ(u.scheme, "http");
    EXPECT_EQ(u.port, 8080);
    EXPECT_EQ(u.target, "/?x=1");
    EXPECT_EQ(u.host_header(), "127.0.0.1:8080");
    EXPECT_EQ(u.text(), "http://127.0.0.1:8080/?x=1");

    u = parse("https://[::1]:8443/r");
    EXPECT_EQ(u.host, "::1");
    EXPECT_EQ(u.host_header(), "[::1]:8443");
    EXPECT_EQ(parse("http://example.org").target, "/");
}

TEST(url, rejects_unusable_urls)
{
    for (char const* bad :
         {"", "example.org/latest", "ftp://example.org/x", "file:///etc/passwd", "https://", "https://:443/x",
          "https://host:0/", "https://host:65536/", "https://host:http/", "https://user:pw@host/",
          "https://[::1/x", "https://host/a b", "https://host/\r\nX: y"}) {
        std::string error;
        EXPECT_FALSE(parse_url(bad, error)) << bad;
        EXPECT_FALSE(error.empty()) << bad;
    }
}

TEST(url, resolves_redirect_locations)
{
    auto const base = parse("https://127.0.0.1:8443/a/b/latest?x=1");
    std::string error;
    EXPECT_EQ(resolve_location(base, "https://other.example/x", error)->text(), "https://other.example/x");
    EXPECT_EQ(resolve_location(base, "//other.example:99/y", error)->text(), "https://other.example:99/y");
    EXPECT_EQ(resolve_location(base, "/root", error)->text(), "https://127.0.0.1:8443/root");
    EXPECT_EQ(resolve_location(base, "next?y=2", error)->text(), "https://127.0.0.1:8443/a/b/next?y=2");
    EXPECT_EQ(resolve_location(base, "?y=2", error)->text(), "https://127.0.0.1:8443/a/b/latest?y=2");
    EXPECT_FALSE(resolve_location(base, "", error));
    EXPECT_FALSE(resolve_location(base, "gopher://x/", error));
}

} // namespace
} // namespace pico::updater
