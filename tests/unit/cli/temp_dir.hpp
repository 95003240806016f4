// A scratch directory for one test, removed when the test ends.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace pico::cli::test {

class temp_dir {
  public:
    temp_dir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "pico-cli-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        m_path = pattern;
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;
    ~temp_dir()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }

    std::filesystem::path const& path() const { return m_path; }

    /// Writes `contents` to `relative` under the directory, creating parents.
    std::filesystem::path write(std::string const& relative, std::string_view contents) const
    {
        auto const p = m_path / relative;
        std::filesystem::create_directories(p.parent_path());
        std::ofstream out(p, std::ios::binary);
        out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
        return p;
    }

  private:
    std::filesystem::path m_path;
};

/// `size` bytes of a deterministic, non-repeating-per-piece pattern.
inline std::string payload(std::size_t size, unsigned seed)
{
    std::string s(size, '\0');
    unsigned x = seed * 2654435761u + 1u;
    for (auto& c : s) {
        x = x * 1103515245u + 12345u;
        c = static_cast<char>(x >> 16);
    }
    return s;
}

} // namespace pico::cli::test
