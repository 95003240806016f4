#include "file_filters_plugin.hpp"
#include "filter_config.hpp"

#include <chrono>
#include <gtest/gtest.h>
#include <picotorrent/plugins/file_filters_service.hpp>
#include <picotorrent/sdk/testing/fake_host.hpp>

namespace ff = pico::file_filters;
namespace sdk = pico::sdk;
using prio = std::vector<std::uint8_t>;

namespace {

std::vector<sdk::file_entry> make_files(std::vector<std::string> const& paths)
{
    std::vector<sdk::file_entry> files;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        sdk::file_entry f;
        f.index = static_cast<std::int32_t>(i);
        f.path = paths[i];
        f.size = 1000;
        files.push_back(f);
    }
    return files;
}

sdk::add_torrent_request file_request(std::vector<std::string> const& paths)
{
    sdk::add_torrent_request r;
    r.source = sdk::torrent_source::file;
    r.location = "/tmp/t.torrent";
    r.name = "t";
    r.info_hash = std::string(40, 'a');
    r.files = make_files(paths);
    return r;
}

std::vector<std::string> const album = {"Album/01.flac", "Album/02.flac", "Album/cover.jpg",
                                        "Album/info.nfo"};

class file_filters_test : public ::testing::Test {
  protected:
    void start(std::string section)
    {
        host.id = "file_filters";
        host.set_section(std::move(section));
        plugin.start(host);
    }
    void TearDown() override { plugin.stop(); }

    pico::sdk::testing::fake_host host;
    ff::file_filters_plugin plugin;
};

TEST_F(file_filters_test, no_filters_in_force_leaves_requests_alone)
{
    start(R"([{"name": "FLAC", "pattern": ".*\\.flac$"}])");
    auto r = file_request(album);
    EXPECT_EQ(host.run_hooks(r), std::nullopt);
    EXPECT_TRUE(r.file_priorities.empty());
}

TEST_F(file_filters_test, exclude_on_a_single_file_torrent)
{
    host.options["exclude"] = {R"(.*\.iso$)"};
    start("null");
    auto iso = file_request({"debian.iso"});
    EXPECT_EQ(host.run_hooks(iso), std::nullopt);
    EXPECT_EQ(iso.file_priorities, prio({0}));
    EXPECT_TRUE(host.logged(sdk::log_level::warning, "'t': 0 of 1 files wanted"));

    auto txt = file_request({"readme.txt"});
    EXPECT_EQ(host.run_hooks(txt), std::nullopt);
    EXPECT_EQ(txt.file_priorities, prio({4}));
}

TEST_F(file_filters_test, include_keeps_only_matching_files_of_a_multi_file_torrent)
{
    host.options["include"] = {R"(.*\.flac$)"};
    start("null");
    auto r = file_request(album);
    EXPECT_EQ(host.run_hooks(r), std::nullopt);
    EXPECT_EQ(r.file_priorities, prio({4, 4, 0, 0}));
    EXPECT_TRUE(host.logged(sdk::log_level::info, "'t': 2 of 4 files wanted"));
}

TEST_F(file_filters_test, exclude_skips_matching_files_of_a_multi_file_torrent)
{
    host.options["exclude"] = {R"(.*\.(jpg|nfo)$)"};
    start("null");
    auto r = file_request(album);
    EXPECT_EQ(host.run_hooks(r), std::nullopt);
    EXPECT_EQ(r.file_priorities, prio({4, 4, 0, 0}));
}

TEST_F(file_filters_test, include_and_exclude_combine)
{
    host.options["include"] = {R"(Album/0.*)", R"(.*\.jpg$)"};
    host.options["exclude"] = {R"(.*02.*)"};
    start("null");
    auto r = file_request(album);
    EXPECT_EQ(host.run_hooks(r), std::nullopt);
    EXPECT_EQ(r.file_priorities, prio({4, 0, 4, 0}));
}

TEST_F(file_filters_test, filters_with_apply_act_on_every_add)
{
    start(R"([
        {"name": "Lossless", "pattern": ".*\\.flac$", "apply": "include"},
        {"name": "Second", "pattern": ".*/02\\..*", "apply": "exclude"},
        {"name": "Unused", "pattern": ".*\\.jpg$"}
    ])");
    auto first = file_request(album);
    EXPECT_EQ(host.run_hooks(first), std::nullopt);
    EXPECT_EQ(first.file_priorities, prio({4, 0, 0, 0}));

    auto second = file_request({"Other/a.flac", "Other/b.mp3"});
    EXPECT_EQ(host.run_hooks(second), std::nullopt);
    EXPECT_EQ(second.file_priorities, prio({4, 0}));
    EXPECT_TRUE(host.logged(sdk::log_level::info, "filters in force: include filter 'Lossless'"));
}

TEST_F(file_filters_test, command_line_values_name_a_filter_or_are_a_regex)
{
    host.options["include"] = {"Pictures"};
    host.options["exclude"] = {R"(.*cover.*)"};
    start(R"([{"name": "Pictures", "pattern": ".*\\.(jpg|png)$"}])");
    auto r = file_request({"A/cover.jpg", "A/back.png", "A/song.flac"});
    EXPECT_EQ(host.run_hooks(r), std::nullopt);
    EXPECT_EQ(r.file_priorities, prio({0, 4, 0}));
    EXPECT_TRUE(host.logged(sdk::log_level::info, R"(include filter 'Pictures' ".*\.(jpg|png)$")"));
    EXPECT_TRUE(host.logged(sdk::log_level::info, R"(exclude --exclude ".*cover.*")"));
}

TEST_F(file_filters_test, priorities_already_set_are_kept_for_wanted_files)
{
    host.options["exclude"] = {R"(.*\.nfo$)"};
    start("null");
    auto r = file_request(album);
    r.file_priorities = {7, 0}; // an earlier hook: top priority for 01, skip 02
    EXPECT_EQ(host.run_hooks(r), std::nullopt);
    EXPECT_EQ(r.file_priorities, prio({7, 0, 4, 0}));
    EXPECT_TRUE(host.logged(sdk::log_level::info, "'t': 2 of 4 files wanted"));
}

TEST_F(file_filters_test, invalid_command_line_regex_rejects_the_add_naming_position)
{
    host.options["include"] = {R"(.*\.(flac$)"};
    start("null");
    EXPECT_TRUE(host.logged(sdk::log_level::error, "--include: invalid regular expression"));
    auto r = file_request(album);
    auto reason = host.run_hooks(r);
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find(R"(--include: invalid regular expression ".*\.(flac$" at position 10)"),
              std::string::npos)
        << *reason;
    EXPECT_TRUE(r.file_priorities.empty());
    // Nothing is added, magnets included.
    auto result = host.add_torrent(file_request(album));
    EXPECT_FALSE(result.ok);
    sdk::add_torrent_request magnet;
    magnet.source = sdk::torrent_source::magnet;
    magnet.location = "magnet:?xt=urn:btih:" + std::string(40, 'b');
    EXPECT_TRUE(host.run_hooks(magnet));
}

TEST_F(file_filters_test, invalid_configured_filter_rejects_only_when_in_force)
{
    start(R"([{"name": "Broken", "pattern": "[a-"}, {"name": "Fine", "pattern": ".*"}])");
    EXPECT_TRUE(host.logged(sdk::log_level::warning,
                            "filter 'Broken': invalid regular expression \"[a-\" at position 3"));
    auto r = file_request(album);
    EXPECT_EQ(host.run_hooks(r), std::nullopt);
    plugin.stop();

    pico::sdk::testing::fake_host cli;
    cli.id = "file_filters";
    cli.config_values = host.config_values;
    cli.options["exclude"] = {"Broken"};
    ff::file_filters_plugin p;
    p.start(cli);
    auto reason = cli.run_hooks(r);
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find("filter 'Broken': invalid regular expression \"[a-\" at position 3"),
              std::string::npos)
        << *reason;
    p.stop();
}

TEST_F(file_filters_test, hostile_pattern_rejects_the_add_quickly)
{
    host.options["exclude"] = {"(a+)+$"};
    start("null");
    auto r = file_request({"short.txt", std::string(10'000, 'a') + "!"});
    auto const started = std::chrono::steady_clock::now();
    auto reason = host.run_hooks(r);
    ASSERT_TRUE(reason);
    EXPECT_NE(reason->find("--exclude: pattern \"(a+)+$\" is too complex to match"), std::string::npos)
        << *reason;
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5)); // safety net only
}

TEST_F(file_filters_test, magnet_gets_its_priorities_when_metadata_arrives)
{
    host.options["include"] = {R"(.*\.flac$)"};
    start("null");
    sdk::add_torrent_request magnet;
    magnet.source = sdk::torrent_source::magnet;
    magnet.location = "magnet:?xt=urn:btih:" + std::string(40, 'c');
    EXPECT_EQ(host.run_hooks(magnet), std::nullopt);
    EXPECT_TRUE(magnet.file_priorities.empty());
    EXPECT_TRUE(host.priority_calls.empty());

    sdk::metadata_received_event e;
    e.torrent.info_hash = std::string(40, 'c');
    e.torrent.name = "Album";
    e.files = make_files(album);
    host.fire(e);
    ASSERT_EQ(host.priority_calls.size(), 1u);
    EXPECT_EQ(host.priority_calls[0].info_hash, std::string(40, 'c'));
    EXPECT_EQ(host.priority_calls[0].priorities, prio({4, 4, 0, 0}));
    EXPECT_TRUE(host.logged(sdk::log_level::info, "'Album': 2 of 4 files wanted"));
}

TEST_F(file_filters_test, magnet_whose_files_defeat_the_matcher_is_removed)
{
    host.options["exclude"] = {"(a+)+$"};
    start("null");
    sdk::metadata_received_event e;
    e.torrent.info_hash = std::string(40, 'd');
    e.torrent.name = "Hostile";
    e.files = make_files({std::string(10'000, 'a') + "!"});
    host.fire(e);
    EXPECT_TRUE(host.priority_calls.empty());
    ASSERT_EQ(host.removed.size(), 1u);
    EXPECT_EQ(host.removed[0].info_hash, std::string(40, 'd'));
    EXPECT_EQ(host.removed[0].mode, sdk::remove_mode::keep_data);
    EXPECT_TRUE(
        host.logged(sdk::log_level::error, "'Hostile': --exclude: pattern \"(a+)+$\" is too complex"));
}

TEST_F(file_filters_test, metadata_without_filters_changes_nothing)
{
    start("null");
    sdk::metadata_received_event e;
    e.torrent.info_hash = std::string(40, 'e');
    e.files = make_files(album);
    host.fire(e);
    EXPECT_TRUE(host.priority_calls.empty());
    EXPECT_TRUE(host.removed.empty());
}

TEST_F(file_filters_test, service_lists_filters_and_matches_files)
{
    start(R"([
        {"name": "Lossless", "pattern": ".*\\.flac$", "apply": "include"},
        {"name": "Broken", "pattern": "(x"}
    ])");
    auto service = sdk::find_service<ff::file_filters_service>(host);
    ASSERT_TRUE(service);

    auto const filters = service->filters();
    ASSERT_EQ(filters.size(), 2u);
    EXPECT_EQ(filters[0].name, "Lossless");
    EXPECT_EQ(filters[0].apply, ff::apply_mode::include);
    EXPECT_TRUE(filters[0].error.empty());
    EXPECT_EQ(filters[1].apply, ff::apply_mode::on_request);
    EXPECT_NE(filters[1].error.find("at position 2"), std::string::npos) << filters[1].error;

    std::vector<std::string> const paths(album.begin(), album.end());
    auto by_name = service->match("Lossless", paths);
    ASSERT_TRUE(by_name.ok) << by_name.error;
    EXPECT_EQ(by_name.matches, std::vector<bool>({true, true, false, false}));

    auto by_regex = service->match(R"(.*\.(jpg|nfo)$)", paths);
    ASSERT_TRUE(by_regex.ok) << by_regex.error;
    EXPECT_EQ(by_regex.matches, std::vector<bool>({false, false, true, true}));

    auto broken = service->match("Broken", paths);
    EXPECT_FALSE(broken.ok);
    EXPECT_NE(broken.error.find("filter 'Broken': invalid regular expression \"(x\" at position 2"),
              std::string::npos)
        << broken.error;

    auto bad_regex = service->match("a{2,1}", paths);
    EXPECT_FALSE(bad_regex.ok);
    EXPECT_NE(bad_regex.error.find("pattern: invalid regular expression \"a{2,1}\" at position 4"),
              std::string::npos)
        << bad_regex.error;

    auto hostile = service->match("(a+)+$", {"ok.txt", std::string(10'000, 'a') + "!"});
    EXPECT_FALSE(hostile.ok);
    EXPECT_TRUE(hostile.matches.empty());
    EXPECT_NE(hostile.error.find("too complex"), std::string::npos) << hostile.error;
}

TEST_F(file_filters_test, configuration_change_updates_the_service_and_the_filters_in_force)
{
    start(R"([{"name": "Lossless", "pattern": ".*\\.flac$"}])");
    auto service = sdk::find_service<ff::file_filters_service>(host);
    ASSERT_TRUE(service);

    host.set_section(R"([{"name": "Pictures", "pattern": ".*\\.jpg$", "apply": "exclude"}])");
    sdk::settings_changed_event e;
    e.config_keys = {"file_filters"};
    host.fire(e);
    ASSERT_EQ(service->filters().size(), 1u);
    EXPECT_EQ(service->filters()[0].name, "Pictures");
    auto r = file_request(album);
    EXPECT_EQ(host.run_hooks(r), std::nullopt);
    EXPECT_EQ(r.file_priorities, prio({4, 4, 0, 4}));

    // A broken edit is reported and the previous filters stay.
    host.set_section(R"([{"name": 1}])");
    host.fire(e);
    EXPECT_TRUE(
        host.logged(sdk::log_level::error, "file_filters[0].name: expected a string, got number; keeping"));
    EXPECT_EQ(service->filters()[0].name, "Pictures");
}

TEST_F(file_filters_test, unusable_configuration_refuses_the_plugin)
{
    host.id = "file_filters";
    host.set_section(R"([{"name": "x", "pattern": ".*", "apply": "sometimes"}])");
    ff::file_filters_plugin p;
    try {
        p.start(host);
        FAIL() << "start() accepted a bad configuration";
    } catch (ff::config_error const& e) {
        EXPECT_EQ(std::string(e.what()).rfind("file_filters[0].apply:", 0), 0u) << e.what();
    }
    EXPECT_EQ(host.registrations(), 0u);
    start("null");
}

TEST_F(file_filters_test, stop_releases_every_registration)
{
    start("null");
    EXPECT_EQ(host.registrations(), 4u); // hook, metadata, settings, service
    plugin.stop();
    EXPECT_EQ(host.registrations(), 0u);
}

} // namespace
