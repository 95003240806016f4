// Helpers for the configuration tests: a temporary folder, environment overrides, file I/O.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>

namespace pico::config::test {

/// A fresh folder under $TMPDIR, removed with everything in it on destruction.
class temp_dir {
  public:
    temp_dir()
    {
        auto pattern = (std::filesystem::temp_directory_path() / "pico-config-test-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr)
            throw std::runtime_error("mkdtemp failed");
        m_path = pattern;
    }
    ~temp_dir()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    temp_dir(temp_dir const&) = delete;
    temp_dir& operator=(temp_dir const&) = delete;

    std::filesystem::path const& path() const { return m_path; }
    std::filesystem::path operator/(std::string const& name) const { return m_path / name; }

  private:
    std::filesystem::path m_path;
};

/// Sets (or, with nullopt, unsets) environment variables and restores them on destruction.
class scoped_env {
  public:
    scoped_env& set(std::string const& name, std::optional<std::string> const& value)
    {
        if (!m_saved.count(name)) {
            char const* old = std::getenv(name.c_str());
            m_saved[name] = old ? std::optional<std::string>(old) : std::nullopt;
        }
        apply(name, value);
        return *this;
    }
    ~scoped_env()
    {
        for (auto const& [name, value] : m_saved)
            apply(name, value);
    }

  private:
    static void apply(std::string const& name, std::optional<std::string> const& value)
    {
        if (value)
            ::setenv(name.c_str(), value->c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
    std::map<std::string, std::optional<std::string>> m_saved;
};

inline void write_text(std::filesystem::path const& path, std::string const& text)
{
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

inline std::string read_text(std::filesystem::path const& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

/// A file from tests/unit/config/data.
inline std::filesystem::path data_file(std::string const& name)
{
    return std::filesystem::path(PICO_CONFIG_TEST_DATA) / name;
}

} // namespace pico::config::test
