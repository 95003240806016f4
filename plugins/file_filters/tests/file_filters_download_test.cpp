// `picotorrent download --include/--exclude` against a real loopback seeder: only the wanted
// files are written, byte-exact; skipped ones are absent or sparse.
#include "support/test_support.hpp"

#include <algorithm>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/stat.h>

namespace fs = std::filesystem;
namespace ts = pico::test_support;

namespace {

std::vector<ts::payload_file> const album_files = {
    {"01.flac", 300 * 1024},         {"02.flac", 200 * 1024 + 123}, {"disc.iso", 700 * 1024},
    {"extra/bonus.iso", 150 * 1024}, {"cover.jpg", 40 * 1024 + 7},
};

bool is_iso(std::string const& path)
{
    return path.size() > 4 && path.compare(path.size() - 4, 4, ".iso") == 0;
}

// A skipped file is never created, or holds fewer allocated bytes than its size.
::testing::AssertionResult absent_or_sparse(fs::path const& p, std::int64_t size)
{
    struct stat st {};
    if (::stat(p.c_str(), &st) != 0)
        return ::testing::AssertionSuccess();
    auto const allocated = static_cast<std::int64_t>(st.st_blocks) * 512;
    if (allocated < size)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << p << " has " << allocated << " bytes allocated for a size of " << size;
}

class file_filters_download : public ::testing::Test {
  protected:
    void SetUp() override
    {
        auto const source = dir.path() / "seed" / "album";
        ts::make_payload(source, album_files, 7);
        ts::torrent_options options;
        options.piece_size = 16 * 1024;
        hashes = ts::make_torrent(source, torrent, options);
        ts::write_loopback_host_config(
            config, {{"file_filters", {{{"name", "Pictures"}, {"pattern", R"(.*\.(jpg|png)$)"}}}}});
    }

    std::vector<std::string> download_args(std::string const& what, std::string const& peer)
    {
        return {"download", what, "--out-dir", out.string(), "--config", config.string(), "--state-dir",
                (dir.path() / "state").string(), "--plugins", "file_filters", "--peer", peer,
                "--session-timeout", "60",
                // The plugin's info lines ("3 of 5 files wanted") and the session's are checked.
                "--verbose"};
    }

    // Waits for the download to end; returns its exit code, with its output on failure.
    int finish(ts::child_process& p)
    {
        int const code = p.wait(std::chrono::seconds(240));
        if (code != 0)
            ADD_FAILURE() << "exit " << code << "\nstdout:\n"
                          << p.stdout_text() << "\nstderr:\n"
                          << p.stderr_text();
        return code;
    }

    void expect_only(std::function<bool(std::string const&)> const& wanted)
    {
        for (auto const& f : album_files) {
            auto const got = out / "album" / f.path;
            if (wanted(f.path)) {
                std::string why;
                EXPECT_TRUE(ts::files_equal(dir.path() / "seed" / "album" / f.path, got, &why))
                    << f.path << ": " << why;
            } else {
                EXPECT_TRUE(absent_or_sparse(got, f.size));
            }
        }
    }

    ts::temp_dir dir;
    fs::path torrent = dir.path() / "album.torrent";
    fs::path config = dir.path() / "PicoTorrent.json";
    fs::path out = dir.path() / "out";
    lt::info_hash_t hashes;
};

TEST_F(file_filters_download, exclude_writes_only_the_wanted_files)
{
    ts::seeder seed(torrent, dir.path() / "seed");
    auto args = download_args(torrent.string(), seed.endpoint());
    args.insert(args.end(), {"--exclude", R"(.*\.iso$)"});
    ts::child_process p(PICO_BINARY, args);
    ASSERT_EQ(finish(p), 0);
    EXPECT_NE(p.stdout_text().find((out / "album").string()), std::string::npos) << p.stdout_text();
    EXPECT_NE(p.stderr_text().find("'album': 3 of 5 files wanted"), std::string::npos) << p.stderr_text();
    expect_only([](std::string const& path) { return !is_iso(path); });
}

TEST_F(file_filters_download, include_by_filter_name_on_a_magnet_applies_when_metadata_arrives)
{
    // Rate-limited so the filter lands long before the payload is through.
    ts::seeder_options slow;
    slow.upload_rate_limit = 400 * 1024;
    ts::seeder seed(torrent, dir.path() / "seed", slow);
    std::ostringstream v1;
    v1 << hashes.v1;
    auto args = download_args("magnet:?xt=urn:btih:" + v1.str() + "&dn=album", seed.endpoint());
    args.insert(args.end(), {"--include", "Pictures", "--include", R"(.*/01\.flac)"});
    ts::child_process p(PICO_BINARY, args);
    ASSERT_EQ(finish(p), 0);
    EXPECT_NE(p.stderr_text().find("'album': 2 of 5 files wanted"), std::string::npos) << p.stderr_text();
    expect_only([](std::string const& path) { return path == "cover.jpg" || path == "01.flac"; });
}

TEST_F(file_filters_download, invalid_pattern_adds_nothing)
{
    ts::seeder seed(torrent, dir.path() / "seed");
    auto args = download_args(torrent.string(), seed.endpoint());
    args.insert(args.end(), {"--exclude", "(.*iso"});
    ts::child_process p(PICO_BINARY, args);
    int const code = p.wait(std::chrono::seconds(120));
    EXPECT_NE(code, 0);
    EXPECT_NE(code, -1);
    EXPECT_NE(p.stderr_text().find(R"(--exclude: invalid regular expression "(.*iso" at position 6)"),
              std::string::npos)
        << p.stderr_text();
    EXPECT_FALSE(fs::exists(out / "album"));
    EXPECT_EQ(seed.uploaded(), 0);
}

TEST_F(file_filters_download, include_with_no_plugin_to_handle_it_is_one_line_and_adds_nothing)
{
    ts::seeder seed(torrent, dir.path() / "seed");
    auto args = download_args(torrent.string(), seed.endpoint());
    // --no-plugins instead of --plugins file_filters.
    auto const plugins = std::find(args.begin(), args.end(), "--plugins");
    ASSERT_NE(plugins, args.end());
    args.erase(plugins, plugins + 2);
    args.insert(args.end(), {"--no-plugins", "--include", "Pictures"});
    ts::child_process p(PICO_BINARY, args);
    int const code = p.wait(std::chrono::seconds(60));
    EXPECT_NE(code, 0);
    EXPECT_NE(code, -1) << "still running:\n" << p.stderr_text();
    EXPECT_NE(
        p.stderr_text().find("--include needs a plugin that handles it, and none is running (file_filters is "
                             "not loaded: plugins are turned off (--no-plugins))"),
        std::string::npos)
        << p.stderr_text();
    EXPECT_FALSE(fs::exists(out / "album"));
    EXPECT_EQ(seed.uploaded(), 0);
}

TEST_F(file_filters_download, run_with_exclude_and_file_filters_not_selected_exits)
{
    ts::child_process p(PICO_BINARY,
                        {"run", "--config", config.string(), "--state-dir", (dir.path() / "state").string(),
                         "--plugins", "updater", "--exclude", R"(.*\.iso$)", torrent.string()});
    int const code = p.wait(std::chrono::seconds(60));
    EXPECT_NE(code, 0);
    EXPECT_NE(code, -1) << "still running:\n" << p.stderr_text();
    EXPECT_NE(
        p.stderr_text().find("--exclude needs a plugin that handles it, and none is running (file_filters is "
                             "not loaded: not in the list of plugins to load)"),
        std::string::npos)
        << p.stderr_text();
    EXPECT_EQ(p.stderr_text().find("successfully listening"), std::string::npos) << p.stderr_text();
}

} // namespace
