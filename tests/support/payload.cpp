#include "support/payload.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <set>
#include <system_error>

namespace pico::test_support {
namespace {

namespace fs = std::filesystem;

std::uint64_t splitmix64(std::uint64_t x)
{
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// FNV-1a: mixes the file's path into its stream so files of one payload differ.
std::uint64_t hash_path(std::string const& path)
{
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char const c : path) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

void write_file(fs::path const& file, std::int64_t size, std::uint64_t state)
{
    if (file.has_parent_path())
        fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    if (!out)
        throw std::system_error(errno, std::generic_category(), "cannot create " + file.string());
    // xorshift64: 8 bytes per step, fast enough for hundreds of MiB.
    std::vector<char> chunk(1 << 20);
    if (state == 0)
        state = 1;
    std::int64_t left = size;
    while (left > 0) {
        auto const n =
            static_cast<std::size_t>(std::min<std::int64_t>(left, static_cast<std::int64_t>(chunk.size())));
        for (std::size_t i = 0; i < n; i += 8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            std::memcpy(chunk.data() + i, &state, std::min<std::size_t>(8, n - i));
        }
        out.write(chunk.data(), static_cast<std::streamsize>(n));
        left -= static_cast<std::int64_t>(n);
    }
    out.flush();
    if (!out)
        throw std::system_error(EIO, std::generic_category(), "cannot write " + file.string());
}

bool regular_files_equal(fs::path const& a, fs::path const& b, std::string* why)
{
    auto fail = [&](std::string const& text) {
        if (why)
            *why = text;
        return false;
    };
    std::error_code ec;
    auto const size_a = fs::file_size(a, ec);
    if (ec)
        return fail(a.string() + ": " + ec.message());
    auto const size_b = fs::file_size(b, ec);
    if (ec)
        return fail(b.string() + ": " + ec.message());
    if (size_a != size_b)
        return fail(a.string() + " has " + std::to_string(size_a) + " bytes, " + b.string() + " has " +
                    std::to_string(size_b));
    std::ifstream in_a(a, std::ios::binary), in_b(b, std::ios::binary);
    if (!in_a || !in_b)
        return fail("cannot open " + (in_a ? b : a).string());
    std::vector<char> buf_a(1 << 20), buf_b(1 << 20);
    std::uintmax_t offset = 0;
    while (offset < size_a) {
        in_a.read(buf_a.data(), static_cast<std::streamsize>(buf_a.size()));
        in_b.read(buf_b.data(), static_cast<std::streamsize>(buf_b.size()));
        auto const n = in_a.gcount();
        if (n <= 0 || n != in_b.gcount())
            return fail("short read at offset " + std::to_string(offset) + " of " + a.string());
        auto const un = static_cast<std::size_t>(n);
        if (std::memcmp(buf_a.data(), buf_b.data(), un) != 0) {
            auto const at =
                std::mismatch(buf_a.begin(), buf_a.begin() + n, buf_b.begin()).first - buf_a.begin();
            return fail(a.string() + " and " + b.string() + " differ at byte " +
                        std::to_string(offset + static_cast<std::uintmax_t>(at)));
        }
        offset += un;
    }
    return true;
}

std::set<fs::path> relative_entries(fs::path const& root)
{
    std::set<fs::path> out;
    for (auto const& e : fs::recursive_directory_iterator(root))
        out.insert(e.path().lexically_relative(root));
    return out;
}

} // namespace

std::int64_t make_payload(fs::path const& dir, std::vector<payload_file> const& files, std::uint64_t seed)
{
    std::int64_t total = 0;
    for (auto const& f : files) {
        write_file(dir / f.path, f.size, splitmix64(seed ^ hash_path(f.path)));
        total += f.size;
    }
    return total;
}

bool files_equal(fs::path const& a, fs::path const& b, std::string* why)
{
    std::error_code ec;
    bool const dir_a = fs::is_directory(a, ec);
    bool const dir_b = fs::is_directory(b, ec);
    if (dir_a != dir_b) {
        if (why)
            *why = (dir_a ? a : b).string() + " is a directory, " + (dir_a ? b : a).string() + " is not";
        return false;
    }
    if (!dir_a)
        return regular_files_equal(a, b, why);
    try {
        auto const entries_a = relative_entries(a);
        auto const entries_b = relative_entries(b);
        if (entries_a != entries_b) {
            std::vector<fs::path> diff;
            std::set_symmetric_difference(entries_a.begin(), entries_a.end(), entries_b.begin(),
                                          entries_b.end(), std::back_inserter(diff));
            if (why)
                *why = "the directories differ in " + diff.front().string();
            return false;
        }
        for (auto const& rel : entries_a) {
            bool const sub_a = fs::is_directory(a / rel, ec);
            if (sub_a != fs::is_directory(b / rel, ec)) {
                if (why)
                    *why = rel.string() + " is a directory on one side only";
                return false;
            }
            if (!sub_a && !regular_files_equal(a / rel, b / rel, why))
                return false;
        }
    } catch (fs::filesystem_error const& e) {
        if (why)
            *why = e.what();
        return false;
    }
    return true;
}

} // namespace pico::test_support
