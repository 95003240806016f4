// The built updater plugin, loaded into a test host, against real HTTP(S) servers on 127.0.0.1:
// what it announces, and when (failures: updater_failure_test.cpp).
#include "updater_plugin_fixture.hpp"

namespace pico::updater::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;
using sdk::log_level;

TEST_F(updater_plugin_test, newer_release_is_logged_once_and_published)
{
    auto const path = publish("v1.2.0");
    test_host host(config_for(servers.trusted().url(path)), "1.1.9");
    loaded_plugin plugin;
    plugin.start(host);

    auto svc = service(host);
    ASSERT_TRUE(svc);
    std::vector<update_info> seen;
    auto sub = svc->subscribe([&](update_info const& info) { seen.push_back(info); });

    ASSERT_TRUE(host.run_until([&] { return check_finished(host); })) << host.dump();
    auto const lines = host.lines_with("update available", log_level::info);
    ASSERT_EQ(lines.size(), 1u) << host.dump();
    EXPECT_EQ(lines[0], "update available: 1.2.0 (running 1.1.9): "
                        "https://github.com/picotorrent/picotorrent/releases/tag/v1.2.0");
    EXPECT_TRUE(host.lines_with("", log_level::warning).empty()) << host.dump();

    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].version, "1.2.0");
    EXPECT_EQ(seen[0].url, "https://github.com/picotorrent/picotorrent/releases/tag/v1.2.0");
    EXPECT_EQ(seen[0].name, "PicoTorrent v1.2.0");
    EXPECT_EQ(seen[0].notes, "notes for v1.2.0");
    auto latest = svc->latest();
    ASSERT_TRUE(latest);
    EXPECT_EQ(latest->version, "1.2.0");
    EXPECT_EQ(servers.trusted().requests_with(path), 1);
    plugin.stop();
    EXPECT_EQ(host.wrong_thread_calls, 0);
}

struct version_case {
    char const* host_version;
    char const* tag;
    bool newer;
};

void PrintTo(version_case const& c, std::ostream* os)
{
    *os << "running " << c.host_version << ", tag " << c.tag;
}

class version_cases : public updater_plugin_test, public testing::WithParamInterface<version_case> {};

TEST_P(version_cases, only_strictly_newer_releases_are_announced)
{
    auto const& c = GetParam();
    test_host host(config_for(servers.trusted().url(publish(c.tag))), c.host_version);
    loaded_plugin plugin;
    plugin.start(host);
    ASSERT_TRUE(host.run_until([&] { return check_finished(host); })) << host.dump();

    auto const announced = host.lines_with("update available", log_level::info);
    auto const latest = service(host)->latest();
    if (c.newer) {
        ASSERT_EQ(announced.size(), 1u) << host.dump();
        std::string version = c.tag[0] == 'v' ? c.tag + 1 : c.tag;
        EXPECT_NE(announced[0].find("update available: " + version + " "), std::string::npos) << announced[0];
        ASSERT_TRUE(latest);
        EXPECT_EQ(latest->version, version);
    } else {
        EXPECT_TRUE(announced.empty()) << host.dump();
        EXPECT_EQ(host.lines_with("up to date: ", log_level::debug).size(), 1u) << host.dump();
        EXPECT_FALSE(latest);
    }
    EXPECT_TRUE(host.lines_with("", log_level::warning).empty()) << host.dump();
}

INSTANTIATE_TEST_SUITE_P(
    semver, version_cases,
    testing::Values(version_case{"0.1.0", "v0.1.0", false},        // same
                    version_case{"0.1.0", "0.1.0+build.7", false}, // same, build metadata ignored
                    version_case{"0.2.0", "v0.1.9", false},        // older
                    version_case{"1.0.0", "v0.99.99", false},      // older
                    version_case{"0.1.0", "v0.1.1", true},         // newer patch
                    version_case{"0.9.0", "0.10.0", true},         // numeric, not textual
                    version_case{"1.2.0-rc.1", "v1.2.0", true},    // release beats its pre-release
                    version_case{"1.2.0", "v1.2.0-rc.2", false},   // pre-release of the running version
                    version_case{"1.1.0", "v1.2.0-rc.1", true},    // pre-release of a newer version
                    version_case{"1.2.0-beta.11", "v1.2.0-beta.2", false},
                    version_case{"1.2.0-beta.2", "v1.2.0-beta.11", true},
                    version_case{"1.2.0-alpha", "v1.2.0-alpha.1", true}),
    [](testing::TestParamInfo<version_case> const& p) {
        std::string name = std::string("running_") + p.param.host_version + "_tag_" + p.param.tag;
        for (auto& ch : name)
            ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
        return name;
    });

TEST_F(updater_plugin_test, ignored_version_is_not_announced_but_a_newer_one_is)
{
    auto const path = publish("v1.2.0");
    for (char const* ignored : {"1.2.0", "v1.2.0", " 1.2.0+build "}) {
        auto config = config_for(servers.trusted().url(path));
        config["ignored_update"] = ignored;
        test_host host(config);
        loaded_plugin plugin;
        plugin.start(host);
        ASSERT_TRUE(host.run_until([&] { return check_finished(host); })) << host.dump();
        EXPECT_TRUE(host.lines_with("update available").empty()) << ignored << '\n' << host.dump();
        EXPECT_EQ(host.lines_with("1.2.0 is newer but ignored", log_level::debug).size(), 1u) << host.dump();
        EXPECT_FALSE(service(host)->latest());
    }

    auto config = config_for(servers.trusted().url(path));
    config["ignored_update"] = "1.1.0";
    test_host host(config);
    loaded_plugin plugin;
    plugin.start(host);
    ASSERT_TRUE(host.run_until([&] { return check_finished(host); })) << host.dump();
    EXPECT_EQ(host.lines_with("update available: 1.2.0", log_level::info).size(), 1u) << host.dump();
}

TEST_F(updater_plugin_test, ignore_writes_ignored_update_and_silences_that_version)
{
    auto const path = publish("v2.0.0");
    test_host host(config_for(servers.trusted().url(path)));
    loaded_plugin plugin;
    plugin.start(host);
    ASSERT_TRUE(host.run_until([&] { return check_finished(host); })) << host.dump();
    auto svc = service(host);
    ASSERT_TRUE(svc->latest());

    auto st = svc->ignore("2.0.0");
    EXPECT_TRUE(st.ok) << st.error;
    EXPECT_EQ(host.config_json()["ignored_update"], "2.0.0");
    EXPECT_FALSE(svc->latest());

    svc->check_now();
    ASSERT_TRUE(host.run_until([&] { return check_finished(host, 2); })) << host.dump();
    EXPECT_EQ(host.lines_with("2.0.0 is newer but ignored").size(), 1u) << host.dump();
    EXPECT_EQ(host.lines_with("update available").size(), 1u) << host.dump();
    EXPECT_EQ(servers.trusted().requests_with(path), 2);

    plugin.stop();
    EXPECT_FALSE(svc->ignore("3.0.0").ok); // the service outlives the plugin but no longer writes
    EXPECT_EQ(host.config_json()["ignored_update"], "2.0.0");
}

TEST_F(updater_plugin_test, periodic_checks_announce_a_version_only_once)
{
    auto const path = publish("v5.0.0");
    // 0.0003 h is about a second: three checks in a few seconds.
    test_host host(config_for(servers.trusted().url(path), {{"check_interval_hours", 0.0003}}));
    loaded_plugin plugin;
    plugin.start(host);
    std::vector<std::string> seen;
    auto sub = service(host)->subscribe([&](update_info const& i) { seen.push_back(i.version); });
    ASSERT_TRUE(host.run_until([&] { return check_finished(host, 3); }, 60s)) << host.dump();
    EXPECT_EQ(host.lines_with("update available: 5.0.0").size(), 1u) << host.dump();
    EXPECT_EQ(seen, std::vector<std::string>{"5.0.0"});
    EXPECT_GE(servers.trusted().requests_with(path), 3);

    // A newer release published meanwhile is announced by the next check.
    publish_raw(json({{"tag_name", "v5.1.0"}, {"html_url", "https://127.0.0.1/r/5.1.0"}}).dump());
    ASSERT_TRUE(host.run_until([&] { return !host.lines_with("update available: 5.1.0").empty(); }, 60s))
        << host.dump();
    EXPECT_EQ(seen, (std::vector<std::string>{"5.0.0", "5.1.0"}));
    EXPECT_EQ(service(host)->latest()->url, "https://127.0.0.1/r/5.1.0");
}

TEST_F(updater_plugin_test, plain_http_and_redirects_are_followed)
{
    auto const path = publish("v1.0.1");
    auto const name = path.substr(std::string("/files/").size());
    for (auto const& url : {servers.plain().url(path), servers.trusted().url("/redirect/3/" + name)}) {
        test_host host(config_for(url), "1.0.0");
        loaded_plugin plugin;
        plugin.start(host);
        ASSERT_TRUE(host.run_until([&] { return check_finished(host); })) << host.dump();
        EXPECT_EQ(host.lines_with("update available: 1.0.1", log_level::info).size(), 1u) << url << '\n'
                                                                                          << host.dump();
    }
}

TEST_F(updater_plugin_test, untrusted_certificate_is_one_warning)
{
    test_host host(config_for(servers.rogue().url(publish("v9.0.0"))));
    auto const failures = failures_of_one_check(host);
    ASSERT_EQ(failures.size(), 1u) << host.dump();
    EXPECT_NE(failures[0].find("not trusted: unable to get local issuer certificate"), std::string::npos)
        << failures[0];
}

TEST_F(updater_plugin_test, test_ca_is_trusted_only_through_updater_ca_file)
{
    auto config = config_for(servers.trusted().url(publish("v9.0.0")));
    config["updater"].erase("ca_file");
    test_host host(config);
    auto const failures = failures_of_one_check(host);
    ASSERT_EQ(failures.size(), 1u) << host.dump();
    EXPECT_NE(failures[0].find("not trusted"), std::string::npos) << failures[0];
}

TEST_F(updater_plugin_test, certificate_for_another_host_is_one_warning)
{
    test_host host(config_for(servers.wrong_host().url(publish("v9.0.0"))));
    auto const failures = failures_of_one_check(host);
    ASSERT_EQ(failures.size(), 1u) << host.dump();
    EXPECT_NE(failures[0].find("not trusted: IP address mismatch"), std::string::npos) << failures[0];
}

TEST_F(updater_plugin_test, missing_ca_file_is_one_warning)
{
    test_host host(
        config_for(servers.trusted().url(publish("v9.0.0")), {{"ca_file", "/nonexistent/ca.pem"}}));
    auto const failures = failures_of_one_check(host);
    ASSERT_EQ(failures.size(), 1u) << host.dump();
    EXPECT_NE(failures[0].find("updater.ca_file: /nonexistent/ca.pem"), std::string::npos) << failures[0];
}

} // namespace
} // namespace pico::updater::test
