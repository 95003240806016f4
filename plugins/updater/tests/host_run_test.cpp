// The real host, `picotorrent run`, with only the updater plugin, against the loopback HTTPS
// release server: the one line a headless user sees.
#include "release_servers.hpp"

#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char** environ;

namespace pico::updater::test {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> lines_with(std::string const& text, std::string const& needle)
{
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (line.find(needle) != std::string::npos)
            out.push_back(line);
    }
    return out;
}

// A temporary folder for one run, removed afterwards.
struct temp_folder {
    std::filesystem::path path;
    temp_folder() : path(make_temp_dir("pico-updater-run")) {}
    ~temp_folder()
    {
        std::error_code ec;
        std::filesystem::remove_all(path, ec);
    }
    temp_folder(temp_folder const&) = delete;
    temp_folder& operator=(temp_folder const&) = delete;
};

TEST(updater_host_run, headless_host_logs_one_line_with_version_and_url)
{
    auto& servers = release_servers::get();
    servers.write_file("host_run.json", nlohmann::json({{"tag_name", "v99.1.0"},
                                                        {"html_url", "https://127.0.0.1/releases/v99.1.0"},
                                                        {"name", "PicoTorrent 99.1.0"},
                                                        {"body", "notes"}})
                                            .dump());
    temp_folder tmp;
    auto const config = tmp.path / "PicoTorrent.json";
    // Loopback only: no DHT, LSD, UPnP or NAT-PMP; the updater asks the local test server.
    nlohmann::json cfg = {
        {"session",
         {{"listen_interfaces", "127.0.0.1:0"},
          {"enable_dht", false},
          {"enable_lsd", false},
          {"enable_upnp", false},
          {"enable_natpmp", false}}},
        {"update_url", servers.trusted().url("/files/host_run.json")},
        {"ignored_update", ""},
        {"updater", {{"ca_file", servers.ca_file().string()}, {"timeout_seconds", 20}}},
    };
    std::ofstream(config) << cfg.dump(2);

    auto const stderr_file = tmp.path / "stderr.txt";
    auto const state_dir = tmp.path / "state";
    std::vector<std::string> args = {PICO_BINARY,   "run",
                                     "--config",    config.string(),
                                     "--state-dir", state_dir.string(),
                                     "--save-path", (tmp.path / "downloads").string(),
                                     "--plugins",   "updater"};
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, stderr_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    pid_t pid = -1;
    ASSERT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
    posix_spawn_file_actions_destroy(&actions);

    // Bounded wait; the check itself takes milliseconds on loopback.
    bool found = false;
    for (int i = 0; i < 1200 && !found; ++i) {
        found = !lines_with(read_text(stderr_file), "update available").empty();
        int status = 0;
        if (!found && waitpid(pid, &status, WNOHANG) == pid) {
            pid = -1;
            break; // the host exited early: the assertions below show its stderr
        }
        if (!found)
            std::this_thread::sleep_for(50ms);
    }
    int status = -1;
    if (pid > 0) {
        kill(pid, SIGTERM);
        waitpid(pid, &status, 0);
    }
    auto const err = read_text(stderr_file);
    ASSERT_TRUE(found) << err;
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "status " << status << '\n' << err;

    auto const lines = lines_with(err, "update available");
    ASSERT_EQ(lines.size(), 1u) << err;
    EXPECT_NE(lines[0].find(" info [updater] update available: 99.1.0 (running "), std::string::npos)
        << lines[0];
    EXPECT_NE(lines[0].find("): https://127.0.0.1/releases/v99.1.0"), std::string::npos) << lines[0];
    EXPECT_TRUE(lines_with(err, "update check failed").empty()) << err;
    EXPECT_EQ(servers.trusted().requests_with("/files/host_run.json"), 1);
    // The same line is in the host's log file.
    EXPECT_EQ(lines_with(read_text(state_dir / "picotorrent.log"), "update available: 99.1.0").size(), 1u);
}

} // namespace
} // namespace pico::updater::test
