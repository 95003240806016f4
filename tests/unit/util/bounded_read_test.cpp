#include "util/atomic_file.hpp"

#include <filesystem>
#include <gtest/gtest.h>
#include <system_error>
#include <unistd.h>

namespace {

std::filesystem::path temp_file(std::string const& contents)
{
    auto pattern = (std::filesystem::temp_directory_path() / "pico-util-test-XXXXXX").string();
    int const fd = ::mkstemp(pattern.data());
    if (fd < 0)
        throw std::runtime_error("mkstemp failed");
    ::close(fd);
    pico::util::write_file_atomically(pattern, contents);
    return pattern;
}

} // namespace

TEST(bounded_read, reads_a_file_within_the_limit)
{
    auto const path = temp_file("12345");
    EXPECT_EQ(pico::util::read_file(path, 5), "12345");
    std::filesystem::remove(path);
}

TEST(bounded_read, refuses_a_regular_file_over_the_limit)
{
    auto const path = temp_file("123456");
    try {
        (void)pico::util::read_file(path, 5);
        FAIL() << "no error";
    } catch (std::system_error const& e) {
        EXPECT_EQ(e.code(), std::errc::file_too_large);
    }
    std::filesystem::remove(path);
}

// /dev/zero reports size 0 and never ends: the read stops one byte past the limit.
TEST(bounded_read, stops_reading_an_endless_file_at_the_limit)
{
    try {
        (void)pico::util::read_file("/dev/zero", 1 << 20);
        FAIL() << "no error";
    } catch (std::system_error const& e) {
        EXPECT_EQ(e.code(), std::errc::file_too_large);
    }
}
