#include "config/config_paths.hpp"

#include "config/config_error.hpp"

#include <cstdlib>
#include <fstream>
#include <pwd.h>
#include <string>
#include <system_error>
#include <unistd.h>
#include <vector>

namespace pico::config {
namespace {

// An environment variable's value when set and non-empty.
std::optional<std::string> env(char const* name)
{
    char const* value = std::getenv(name);
    if (value == nullptr || *value == '\0')
        return std::nullopt;
    return std::string(value);
}

// The XDG spec says relative values of the XDG_* variables are invalid and must be ignored.
std::optional<std::filesystem::path> absolute_env(char const* name)
{
    auto value = env(name);
    if (!value || !std::filesystem::path(*value).is_absolute())
        return std::nullopt;
    return std::filesystem::path(*value);
}

std::filesystem::path home_dir()
{
    if (auto home = env("HOME"))
        return *home;
    // No HOME (some service managers): ask the password database.
    long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
    std::vector<char> buffer(size > 0 ? static_cast<std::size_t>(size) : 16384);
    passwd entry{};
    passwd* result = nullptr;
    if (::getpwuid_r(::getuid(), &entry, buffer.data(), buffer.size(), &result) == 0 && result != nullptr &&
        result->pw_dir != nullptr && *result->pw_dir != '\0')
        return result->pw_dir;
    throw config_error("cannot find the home directory: set HOME, or pass --config and --state-dir");
}

std::filesystem::path config_home()
{
    if (auto dir = absolute_env("XDG_CONFIG_HOME"))
        return *dir;
    return home_dir() / ".config";
}

// XDG_DOWNLOAD_DIR from ~/.config/user-dirs.dirs (written by xdg-user-dirs-update), whose
// lines look like XDG_DOWNLOAD_DIR="$HOME/Downloads" and may name a localized folder.
std::optional<std::filesystem::path> user_dirs_download_dir()
{
    std::ifstream in(config_home() / "user-dirs.dirs");
    std::string line;
    std::string const prefix = "XDG_DOWNLOAD_DIR=\"";
    while (std::getline(in, line)) {
        if (line.rfind(prefix, 0) != 0)
            continue;
        auto const end = line.find('"', prefix.size());
        if (end == std::string::npos)
            return std::nullopt;
        std::string value = line.substr(prefix.size(), end - prefix.size());
        if (value.rfind("$HOME", 0) == 0)
            return home_dir().string() + value.substr(5);
        if (std::filesystem::path(value).is_absolute())
            return std::filesystem::path(value);
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace

std::filesystem::path locate_config_file(std::optional<std::filesystem::path> const& from_cli,
                                         std::filesystem::path const& executable_dir)
{
    if (from_cli)
        return *from_cli;
    auto const portable = executable_dir / config_file_name;
    std::error_code ec;
    if (std::filesystem::exists(portable, ec))
        return portable;
    return config_home() / "picotorrent" / config_file_name;
}

std::filesystem::path default_state_dir()
{
    if (auto dir = absolute_env("XDG_DATA_HOME"))
        return *dir / "picotorrent";
    return home_dir() / ".local" / "share" / "picotorrent";
}

std::filesystem::path default_save_path()
{
    if (auto dir = absolute_env("XDG_DOWNLOAD_DIR"))
        return *dir;
    if (auto dir = user_dirs_download_dir())
        return *dir;
    return home_dir() / "Downloads";
}

std::filesystem::path executable_dir()
{
    std::error_code ec;
    auto const exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::current_path() : exe.parent_path();
}

} // namespace pico::config
