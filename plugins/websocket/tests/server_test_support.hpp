// Helpers shared by the server tests (server_test.cpp, server_limits_test.cpp): reading
// messages, checking the reference torrent object, counting fds and memory.
#pragma once

#include "plugin_fixture.hpp"
#include "ws_client.hpp"

#include <chrono>
#include <cstdlib>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>
#include <unistd.h>

namespace pico::websocket::testing {

using json = nlohmann::json;
using namespace std::chrono_literals;

// AddressSanitizer keeps freed memory in quarantine, so RSS says nothing there; LeakSanitizer
// checks leaks in that build instead. ThreadSanitizer's shadow memory grows RSS with every
// allocation (52 MiB of growth where the bound is 24).
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool rss_is_meaningful = false;
#else
inline constexpr bool rss_is_meaningful = true;
#endif

inline std::string const hash_a(40, 'a');
inline std::string const hash_b = std::string(32, 'b') + "01234567";

inline void expect_reference_torrent(json const& t)
{
    // The reference fields, then the additions beside them (docs/websocket.md).
    std::map<std::string, char> const fields{{"info_hash", 's'},
                                             {"name", 's'},
                                             {"queue_position", 'i'},
                                             {"size", 'i'},
                                             {"progress", 'f'},
                                             {"status", 'i'},
                                             {"eta", 'i'},
                                             {"dl_rate", 'i'},
                                             {"ul_rate", 'i'},
                                             {"seeds_connected", 'i'},
                                             {"seeds_total", 'i'},
                                             {"nonseeds_connected", 'i'},
                                             {"nonseeds_total", 'i'},
                                             {"save_path", 's'},
                                             {"ratio", 'f'},
                                             {"added_time", 'i'},
                                             {"error", 's'},
                                             {"total_downloaded", 'i'},
                                             {"total_uploaded", 'i'}};
    ASSERT_TRUE(t.is_object());
    EXPECT_EQ(t.size(), fields.size()) << t.dump();
    for (auto const& [name, kind] : fields) {
        ASSERT_TRUE(t.contains(name)) << name;
        auto const& v = t[name];
        if (kind == 's')
            EXPECT_TRUE(v.is_string()) << name;
        else if (kind == 'i')
            EXPECT_TRUE(v.is_number_integer()) << name;
        else
            EXPECT_TRUE(v.is_number()) << name;
    }
    EXPECT_GE(t["status"].get<int>(), -1);
    EXPECT_LE(t["status"].get<int>(), 15);
}

inline json receive_json(ws_client& c)
{
    auto m = c.receive();
    if (!m)
        return json();
    return json::parse(*m);
}

// pico_state, then hello right after it; returns pico_state.
inline json receive_welcome(ws_client& c)
{
    auto state = receive_json(c);
    auto const hello = receive_json(c);
    EXPECT_EQ(hello["type"], "hello") << hello.dump();
    EXPECT_EQ(hello["api_version"], 1);
    EXPECT_TRUE(hello["requests"].is_array());
    return state;
}

inline long open_fds()
{
    long n = 0;
    if (DIR* d = ::opendir("/proc/self/fd")) {
        while (::readdir(d))
            ++n;
        ::closedir(d);
    }
    return n;
}

inline long rss_bytes()
{
    std::ifstream statm("/proc/self/statm");
    long size = 0;
    long resident = 0;
    statm >> size >> resident;
    return resident * ::sysconf(_SC_PAGESIZE);
}

// Waits (bounded) until the server has no open connection left.
inline void wait_all_closed(running_plugin& p)
{
    for (int i = 0; i < 200 && p.plugin().stats().open != 0; ++i)
        std::this_thread::sleep_for(10ms);
}

struct temp_dir {
    temp_dir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "pico-ws-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw std::runtime_error("mkdtemp failed");
        path = pattern;
    }
    ~temp_dir() { std::filesystem::remove_all(path); }
    std::filesystem::path path;
};

} // namespace pico::websocket::testing
