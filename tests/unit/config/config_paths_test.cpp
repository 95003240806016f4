// Where the configuration, the state and the downloads live.
#include "config/config_paths.hpp"
#include "config_test_support.hpp"

#include <gtest/gtest.h>

namespace pico::config {
namespace {

using test::scoped_env;
using test::temp_dir;
using test::write_text;

TEST(config_paths, command_line_wins)
{
    temp_dir exe;
    write_text(exe / "PicoTorrent.json", "{}");
    EXPECT_EQ(locate_config_file(std::filesystem::path("custom.json"), exe.path()), "custom.json");
}

TEST(config_paths, file_next_to_the_executable_means_portable)
{
    temp_dir exe;
    temp_dir config_home;
    scoped_env env;
    env.set("XDG_CONFIG_HOME", config_home.path().string());
    write_text(exe / "PicoTorrent.json", "{}");
    EXPECT_EQ(locate_config_file(std::nullopt, exe.path()), exe / "PicoTorrent.json");
}

TEST(config_paths, otherwise_xdg_config_home)
{
    temp_dir exe;
    temp_dir config_home;
    scoped_env env;
    env.set("XDG_CONFIG_HOME", config_home.path().string());
    EXPECT_EQ(locate_config_file(std::nullopt, exe.path()), config_home / "picotorrent" / "PicoTorrent.json");
}

TEST(config_paths, xdg_config_home_defaults_to_dot_config)
{
    temp_dir exe;
    temp_dir home;
    scoped_env env;
    env.set("HOME", home.path().string()).set("XDG_CONFIG_HOME", std::nullopt);
    EXPECT_EQ(locate_config_file(std::nullopt, exe.path()),
              home / ".config" / "picotorrent" / "PicoTorrent.json");
    // The XDG spec: a relative value is invalid and ignored.
    env.set("XDG_CONFIG_HOME", "relative/dir");
    EXPECT_EQ(locate_config_file(std::nullopt, exe.path()),
              home / ".config" / "picotorrent" / "PicoTorrent.json");
}

TEST(config_paths, state_dir_follows_xdg_data_home)
{
    temp_dir home;
    scoped_env env;
    env.set("HOME", home.path().string()).set("XDG_DATA_HOME", "/srv/data");
    EXPECT_EQ(default_state_dir(), std::filesystem::path("/srv/data/picotorrent"));
    env.set("XDG_DATA_HOME", std::nullopt);
    EXPECT_EQ(default_state_dir(), home / ".local" / "share" / "picotorrent");
}

TEST(config_paths, save_path_from_environment_user_dirs_or_home)
{
    temp_dir home;
    scoped_env env;
    env.set("HOME", home.path().string())
        .set("XDG_CONFIG_HOME", std::nullopt)
        .set("XDG_DOWNLOAD_DIR", "/media/downloads");
    EXPECT_EQ(default_save_path(), std::filesystem::path("/media/downloads"));

    env.set("XDG_DOWNLOAD_DIR", std::nullopt);
    EXPECT_EQ(default_save_path(), home / "Downloads");

    // xdg-user-dirs names a localized folder relative to $HOME.
    write_text(home / ".config" / "user-dirs.dirs",
               "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Bureau\"\n"
               "XDG_DOWNLOAD_DIR=\"$HOME/T\xC3\xA9l\xC3\xA9"
               "chargements\"\n");
    EXPECT_EQ(default_save_path(), home.path().string() + "/T\xC3\xA9l\xC3\xA9"
                                                          "chargements");
}

TEST(config_paths, executable_dir_holds_this_test)
{
    EXPECT_TRUE(std::filesystem::exists(executable_dir()));
    EXPECT_TRUE(std::filesystem::is_directory(executable_dir()));
}

} // namespace
} // namespace pico::config
