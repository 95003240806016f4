// The log's flood guard (repeats collapsed, a per-source line budget) and its rotation.
#include "core/log_flood_guard.hpp"
#include "core/logger.hpp"
#include "core/rotating_log_file.hpp"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using pico::core::log_flood_guard;

struct fake_clock {
    std::chrono::steady_clock::time_point now{};
    log_flood_guard::clock fn()
    {
        return [this] { return now; };
    }
};

std::string read_all(fs::path const& p)
{
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct scratch {
    fs::path dir =
        fs::temp_directory_path() / ("pico-log-" + std::to_string(::getpid()) + "-" +
                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    scratch() { fs::remove_all(dir); }
    ~scratch() { fs::remove_all(dir); }
};

} // namespace

TEST(log_flood_guard, an_exact_repeat_is_counted_then_reported_once)
{
    fake_clock c;
    log_flood_guard g(100, 10s, c.fn());
    EXPECT_TRUE(g.admit("info", "ws", "refused 127.0.0.1").write);
    for (int i = 0; i < 5; ++i)
        EXPECT_FALSE(g.admit("info", "ws", "refused 127.0.0.1").write);
    auto const v = g.admit("info", "ws", "something else");
    EXPECT_TRUE(v.write);
    ASSERT_EQ(v.notes.size(), 1u);
    EXPECT_EQ(v.notes[0].first, "ws");
    EXPECT_EQ(v.notes[0].second, "last line repeated 5 times");
    // Same text at another level or from another source is not a repeat.
    EXPECT_TRUE(g.admit("error", "ws", "something else").write);
    EXPECT_TRUE(g.admit("error", "other", "something else").write);
}

TEST(log_flood_guard, a_source_over_its_budget_is_held_back_and_counted)
{
    fake_clock c;
    log_flood_guard g(3, 10s, c.fn());
    int written = 0;
    std::vector<std::string> notes;
    for (int i = 0; i < 1000; ++i) {
        auto const v = g.admit("info", "websocket", "refused 127.0.0.1:" + std::to_string(40000 + i));
        written += v.write ? 1 : 0;
        for (auto const& n : v.notes)
            notes.push_back(n.second);
        // Another source keeps its own budget.
        if (i == 500) {
            EXPECT_TRUE(g.admit("info", "session", "torrent added").write);
        }
    }
    EXPECT_EQ(written, 3);
    ASSERT_EQ(notes.size(), 1u) << "told once that lines are held back";
    EXPECT_NE(notes[0].find("more than 3 lines in 10 s"), std::string::npos) << notes[0];
    c.now += 11s;
    auto const v = g.admit("info", "websocket", "refused again");
    EXPECT_TRUE(v.write);
    ASSERT_EQ(v.notes.size(), 1u);
    EXPECT_EQ(v.notes[0].second, "997 lines suppressed in 10 s (more than 3)");
}

TEST(rotating_log_file, rotates_past_the_size_and_keeps_three_generations)
{
    scratch s;
    auto const file = s.dir / "picotorrent.log";
    pico::core::rotating_log_file log;
    ASSERT_TRUE(log.open(file, 100, 3));
    std::string const line(40, 'x');
    for (int i = 0; i < 20; ++i)
        log.write(std::to_string(i % 10) + line + "\n"); // 42 bytes: two lines a file
    EXPECT_TRUE(fs::exists(file));
    for (int n = 1; n <= 3; ++n)
        EXPECT_TRUE(fs::exists(s.dir / ("picotorrent.log." + std::to_string(n)))) << n;
    EXPECT_FALSE(fs::exists(s.dir / "picotorrent.log.4"));
    EXPECT_LE(fs::file_size(file), 100u);
    // Newest in the live file, the generation before in .1.
    EXPECT_EQ(read_all(file), "8" + line + "\n9" + line + "\n");
    EXPECT_EQ(read_all(s.dir / "picotorrent.log.1"), "6" + line + "\n7" + line + "\n");
}

TEST(rotating_log_file, appends_to_an_existing_file_and_counts_its_size)
{
    scratch s;
    auto const file = s.dir / "picotorrent.log";
    fs::create_directories(s.dir);
    std::ofstream(file) << std::string(95, 'o') << '\n';
    pico::core::rotating_log_file log;
    ASSERT_TRUE(log.open(file, 100, 2));
    log.write("new line\n");
    EXPECT_TRUE(fs::exists(s.dir / "picotorrent.log.1")) << "96 + 9 bytes do not fit in 100";
    EXPECT_EQ(read_all(file), "new line\n");
}

TEST(logger, a_flood_of_refusals_stays_small_in_the_file)
{
    scratch s;
    pico::core::logger log(pico::sdk::log_level::info);
    log.set_console_level(pico::sdk::log_level::error); // keep the test's stderr quiet
    log.open_file(s.dir / "picotorrent.log");
    for (int i = 0; i < 16000; ++i)
        log.write(pico::sdk::log_level::info, "websocket",
                  "refused 127.0.0.1:" + std::to_string(30000 + i) + ": wrong token");
    log.write(pico::sdk::log_level::info, "session", "still here");
    auto const text = read_all(s.dir / "picotorrent.log");
    EXPECT_LT(text.size(), 20'000u) << "16,000 refusals made 1.5 MB before";
    EXPECT_NE(text.find("holding the rest back"), std::string::npos);
    EXPECT_NE(text.find("[session] still here"), std::string::npos);
}
