// `picotorrent plugins` as a user runs it: the built binary against the fixture folders.
#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <picotorrent/sdk/version.hpp>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

struct run_result {
    int exit_code = -1;
    std::string out;
};

// Runs the binary with `args` (already shell-quoted); stdout captured, stderr to `err_file`.
// XDG_DATA_HOME points at an empty folder so the user's own plugins stay out of the test.
run_result run(std::string const& args, fs::path const& err_file)
{
    std::string const cmd = "XDG_DATA_HOME=/nonexistent-pico-test '" PICO_BINARY "' plugins " + args +
                            " 2>'" + err_file.string() + "'";
    run_result r;
    FILE* pipe = ::popen(cmd.c_str(), "r");
    if (pipe == nullptr)
        return r;
    std::array<char, 4096> buf{};
    for (std::size_t n; (n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0;)
        r.out.append(buf.data(), n);
    int const status = ::pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

std::string read(fs::path const& file)
{
    std::ifstream in(file);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string fixture(char const* name)
{
    return "--plugin-dir '" + (fs::path(PICO_FIXTURE_ROOT) / name).string() + "'";
}

// The entry for `id` in a --json listing (null when absent).
json entry(json const& list, std::string const& id)
{
    for (auto const& e : list) {
        if (e.at("id") == id)
            return e;
    }
    return nullptr;
}

struct plugins_command : ::testing::Test {
    fs::path dir = fs::temp_directory_path() / ("pico-plugins-cmd-" + std::to_string(::getpid()));
    fs::path err = dir / "stderr.txt";
    void SetUp() override { fs::create_directories(dir); }
    void TearDown() override { fs::remove_all(dir); }
};

TEST_F(plugins_command, json_lists_each_plugin_with_its_status)
{
    auto const r = run(fixture("dependency_cycle") + " " + fixture("good") + " " + fixture("wrong_major") +
                           " " + fixture("front_end") + " --json",
                       err);
    ASSERT_EQ(r.exit_code, 0) << read(err);
    auto const list = json::parse(r.out);
    ASSERT_TRUE(list.is_array());

    auto const good = entry(list, "good");
    ASSERT_TRUE(good.is_object()) << r.out;
    EXPECT_EQ(good["status"], "loaded");
    EXPECT_EQ(good["version"], "1.0.0");
    EXPECT_EQ(good["name"], "Fixture good");
    EXPECT_EQ(good["reason"], "");
    EXPECT_EQ(good["directory"], (fs::path(PICO_FIXTURE_ROOT) / "good" / "good").string());
    EXPECT_EQ(good["depends"], json::array());
    EXPECT_EQ(good["front_end"], false);
    EXPECT_EQ(good["fail_closed"], false);
    EXPECT_EQ(good["options"], json::array());

    auto const cycle = entry(list, "cycle_a");
    EXPECT_EQ(cycle["status"], "refused");
    EXPECT_EQ(cycle["reason"], "dependency cycle: cycle_a -> cycle_b -> cycle_a");
    EXPECT_EQ(cycle["depends"], json{"cycle_b"});

    auto const major = entry(list, "wrong_major");
    EXPECT_EQ(major["status"], "refused");
    EXPECT_EQ(major["sdk_version"], std::to_string(PICO_SDK_VERSION_MAJOR + 1) + ".0.0");
    EXPECT_NE(major["reason"].get<std::string>().find("host offers"), std::string::npos);

    auto const front = entry(list, "front");
    EXPECT_EQ(front["status"], "front-end");
    EXPECT_EQ(front["front_end"], true);
}

TEST_F(plugins_command, json_shows_fail_closed_and_options_from_the_manifest)
{
    auto const r = run(fixture("fail_closed_ok") + " " + fixture("options") + " --json", err);
    ASSERT_EQ(r.exit_code, 0) << read(err);
    auto const list = json::parse(r.out);
    auto const guard = entry(list, "guard_ok");
    ASSERT_TRUE(guard.is_object()) << r.out;
    EXPECT_EQ(guard["fail_closed"], true);
    EXPECT_EQ(guard["options"], json::array());
    auto const consumer = entry(list, "consumer");
    ASSERT_TRUE(consumer.is_object()) << r.out;
    EXPECT_EQ(consumer["fail_closed"], false);
    EXPECT_EQ(consumer["options"], (json{"include", "exclude"}));
}

TEST_F(plugins_command, table_has_one_row_per_plugin)
{
    auto const r = run(fixture("good") + " " + fixture("newer_minor") + " --plugins good,newer_minor", err);
    ASSERT_EQ(r.exit_code, 0) << read(err);
    EXPECT_EQ(r.out.rfind("ID", 0), 0u) << r.out;
    std::string good_row, minor_row;
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) {
        if (line.rfind("good ", 0) == 0)
            good_row = line;
        if (line.rfind("newer_minor ", 0) == 0)
            minor_row = line;
    }
    EXPECT_NE(good_row.find("1.0.0"), std::string::npos) << r.out;
    EXPECT_EQ(good_row.substr(good_row.size() - 6), "loaded") << r.out;
    EXPECT_NE(minor_row.find("refused: built against SDK "), std::string::npos) << r.out;
}

TEST_F(plugins_command, config_plugins_list_selects_and_flags_override_it)
{
    std::ofstream(dir / "PicoTorrent.json") << "{\n  // only this one\n  \"plugins\": [\"gamma\"]\n}\n";
    auto const config = "--config '" + (dir / "PicoTorrent.json").string() + "' ";
    auto r = run(config + fixture("dependency_order") + " --json", err);
    ASSERT_EQ(r.exit_code, 0) << read(err);
    auto list = json::parse(r.out);
    EXPECT_EQ(entry(list, "gamma")["status"], "loaded");
    EXPECT_EQ(entry(list, "alpha")["status"], "not selected");

    r = run(config + fixture("dependency_order") + " --plugins alpha --json", err);
    ASSERT_EQ(r.exit_code, 0) << read(err);
    list = json::parse(r.out);
    EXPECT_EQ(entry(list, "alpha")["status"], "loaded");
    EXPECT_EQ(entry(list, "beta")["status"], "loaded") << "dependencies come along";
    EXPECT_EQ(entry(list, "delta")["status"], "not selected");

    r = run(config + fixture("dependency_order") + " --no-plugins --json", err);
    ASSERT_EQ(r.exit_code, 0) << read(err);
    list = json::parse(r.out);
    EXPECT_EQ(entry(list, "gamma")["status"], "not selected");
}

TEST_F(plugins_command, bad_input_is_one_line_and_exit_2)
{
    std::ofstream(dir / "broken.json") << "{ \"plugins\": [1, 2] }";
    for (auto const& args : {std::string("--plugins a --no-plugins"), std::string("--frobnicate"),
                             "--config '" + (dir / "broken.json").string() + "'",
                             "--config '" + (dir / "missing.json").string() + "'"}) {
        auto const r = run(args, err);
        EXPECT_EQ(r.exit_code, 2) << args;
        auto const text = read(err);
        EXPECT_EQ(text.rfind("picotorrent plugins: ", 0), 0u) << text;
        EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
    }
}

} // namespace
