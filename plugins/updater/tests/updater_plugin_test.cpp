// The built updater plugin, loaded into a test host, against real HTTP(S) servers on 127.0.0.1.
#include "release_servers.hpp"
#include "updater_test_host.hpp"

#include <cctype>
#include <chrono>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <ostream>
#include <picotorrent/plugins/updater_service.hpp>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

namespace pico::updater::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;
using sdk::log_level;

// Every way a check can end leaves one of these in the log.
bool check_finished(test_host const& host, int checks = 1)
{
    int n = 0;
    for (auto const& l : host.logs()) {
        for (char const* marker : {"update available: ", "up to date: ", "is newer but ignored",
                                   "update check failed: ", "already announced"}) {
            if (l.message.find(marker) != std::string::npos)
                ++n;
        }
    }
    return n >= checks;
}

class updater_plugin_test : public testing::Test {
  protected:
    release_servers& servers = release_servers::get();

    // A release document named after the test, served by every server as /files/<name>.
    std::string publish(std::string const& tag, json extra = json::object())
    {
        json doc = {{"tag_name", tag},
                    {"html_url", "https://github.com/picotorrent/picotorrent/releases/tag/" + tag},
                    {"name", "PicoTorrent " + tag},
                    {"body", "notes for " + tag},
                    {"draft", false}};
        doc.update(extra);
        return publish_raw(doc.dump());
    }

    std::string publish_raw(std::string const& content)
    {
        auto const* info = testing::UnitTest::GetInstance()->current_test_info();
        std::string name = std::string(info->test_suite_name()) + "." + info->name() + ".json";
        for (auto& c : name)
            c = (std::isalnum(static_cast<unsigned char>(c)) || c == '.') ? c : '_';
        servers.write_file(name, content);
        return "/files/" + name;
    }

    // A configuration that trusts the test CA; `updater` entries are added to the section.
    json config_for(std::string const& url, json updater = json::object())
    {
        json section = {{"ca_file", servers.ca_file().string()}, {"timeout_seconds", 20}};
        section.update(updater);
        return {{"update_url", url}, {"ignored_update", ""}, {"updater", section}};
    }

    static std::shared_ptr<updater_service> service(test_host& host)
    {
        return sdk::find_service<updater_service>(host);
    }

    // Starts the plugin, waits for its first check and returns every "update check failed" line.
    static std::vector<std::string> failures_of_one_check(test_host& host)
    {
        loaded_plugin plugin;
        plugin.start(host);
        EXPECT_TRUE(host.run_until([&] { return check_finished(host); })) << host.dump();
        EXPECT_TRUE(host.lines_with("update available").empty()) << host.dump();
        EXPECT_FALSE(service(host)->latest());
        plugin.stop();
        EXPECT_EQ(host.wrong_thread_calls, 0);
        return host.lines_with("update check failed: ", log_level::warning);
    }
};

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

struct failing_route {
    char const* name;
    char const* path;
    char const* message;
    double timeout_seconds = 30; // generous unless the timeout itself is under test
};

void PrintTo(failing_route const& r, std::ostream* os)
{
    *os << r.path;
}

class failing_routes : public updater_plugin_test, public testing::WithParamInterface<failing_route> {};

TEST_P(failing_routes, are_one_warning_and_the_host_goes_on)
{
    test_host host(config_for(servers.trusted().url(GetParam().path),
                              {{"timeout_seconds", GetParam().timeout_seconds}}));
    auto const failures = failures_of_one_check(host);
    ASSERT_EQ(failures.size(), 1u) << host.dump();
    EXPECT_NE(failures[0].find(GetParam().message), std::string::npos) << failures[0];
    EXPECT_EQ(host.lines_with("").size(), 1u) << host.dump(); // nothing else was logged
}

INSTANTIATE_TEST_SUITE_P(
    http, failing_routes,
    testing::Values(failing_route{"status_404", "/status/404", "HTTP 404 Not Found from https://127.0.0.1:"},
                    failing_route{"status_500", "/status/500", "HTTP 500 Internal Server Error"},
                    failing_route{"missing_file", "/files/does-not-exist.json", "HTTP 404"},
                    failing_route{"redirect_loop", "/loop", "too many redirects (more than 3)"},
                    failing_route{"four_redirects", "/redirect/4/x.json", "too many redirects (more than 3)"},
                    failing_route{"body_too_large", "/big", "is larger than 1048576 bytes"},
                    failing_route{"no_answer", "/hang", "within 1 s", 1}),
    [](testing::TestParamInfo<failing_route> const& p) { return std::string(p.param.name); });

TEST_F(updater_plugin_test, malformed_or_incomplete_json_is_one_warning)
{
    for (auto const& [content, message] :
         {std::pair{"{\"tag_name\": \"v1.0.0\", ", "malformed release JSON"},
          std::pair{"[]", "not an object"},
          std::pair{"{\"tag_name\": \"nightly\", \"html_url\": \"https://x/\"}",
                    "is not a semantic version"}}) {
        test_host host(config_for(servers.trusted().url(publish_raw(content))));
        auto const failures = failures_of_one_check(host);
        ASSERT_EQ(failures.size(), 1u) << host.dump();
        EXPECT_NE(failures[0].find(message), std::string::npos) << failures[0];
    }
}

TEST_F(updater_plugin_test, downgrade_redirect_to_http_is_refused)
{
    auto const target = servers.plain().url(publish("v9.0.0"));
    test_host host(config_for(servers.trusted().url("/location?to=" + target)));
    auto const failures = failures_of_one_check(host);
    ASSERT_EQ(failures.size(), 1u) << host.dump();
    EXPECT_NE(failures[0].find("refused redirect from https"), std::string::npos) << failures[0];
    EXPECT_EQ(servers.plain().requests_with(target.substr(target.find("/files/"))), 0);
}

// A listener that accepts connections (the kernel completes the TCP handshake) but never reads
// or writes: the TLS handshake never ends.
class silent_listener {
  public:
    silent_listener()
    {
        m_fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t len = sizeof addr;
        if (m_fd < 0 || bind(m_fd, reinterpret_cast<sockaddr*>(&addr), len) != 0 || listen(m_fd, 8) != 0 ||
            getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0)
            throw std::runtime_error("silent listener: cannot listen on 127.0.0.1");
        m_port = ntohs(addr.sin_port);
    }
    ~silent_listener() { close(m_fd); }
    silent_listener(silent_listener const&) = delete;
    silent_listener& operator=(silent_listener const&) = delete;
    int port() const { return m_port; }

  private:
    int m_fd = -1;
    int m_port = 0;
};

TEST_F(updater_plugin_test, server_that_never_answers_times_out)
{
    silent_listener silent;
    test_host host(config_for("https://127.0.0.1:" + std::to_string(silent.port()) + "/latest",
                              {{"timeout_seconds", 1}}));
    auto const failures = failures_of_one_check(host);
    ASSERT_EQ(failures.size(), 1u) << host.dump();
    EXPECT_NE(failures[0].find("no complete answer from 127.0.0.1:" + std::to_string(silent.port()) +
                               " within 1 s"),
              std::string::npos)
        << failures[0];
}

TEST_F(updater_plugin_test, stopping_during_a_request_does_not_wait_for_the_server)
{
    test_host host(config_for(servers.trusted().url("/hang"), {{"timeout_seconds", 600}}));
    loaded_plugin plugin;
    plugin.start(host);
    ASSERT_TRUE(host.run_until([&] { return servers.trusted().requests_with("/hang") > 0; })) << host.dump();
    auto const before = std::chrono::steady_clock::now();
    plugin.stop();
    // Far below the request's own 600 s limit: stop abandons the request instead of waiting.
    EXPECT_LT(std::chrono::steady_clock::now() - before, 60s);
    host.run_for(100ms);
    EXPECT_TRUE(host.lines_with("update check failed").empty()) << host.dump();
}

TEST_F(updater_plugin_test, connection_refused_is_one_warning)
{
    int port = 0;
    {
        silent_listener closed_soon; // a port that was free a moment ago, closed before the check
        port = closed_soon.port();
    }
    test_host host(config_for("http://127.0.0.1:" + std::to_string(port) + "/latest"));
    auto const failures = failures_of_one_check(host);
    ASSERT_EQ(failures.size(), 1u) << host.dump();
    EXPECT_NE(failures[0].find("cannot connect to 127.0.0.1:" + std::to_string(port)), std::string::npos)
        << failures[0];
}

TEST_F(updater_plugin_test, checks_are_off_without_url_with_forced_proxy_and_in_one_shot_modes)
{
    auto const path = publish("v9.0.0");
    {
        auto config = config_for("");
        test_host host(config);
        loaded_plugin plugin;
        plugin.start(host);
        EXPECT_EQ(host.lines_with("update checks are off: update_url is empty", log_level::info).size(), 1u)
            << host.dump();
    }
    {
        auto config = config_for(servers.trusted().url(path));
        config["proxy"] = {{"type", "socks5"}, {"hostname", "127.0.0.1"}, {"port", 1080}, {"force", true}};
        test_host host(config);
        loaded_plugin plugin;
        plugin.start(host);
        EXPECT_EQ(host.lines_with("update checks are off: proxy.force is on", log_level::info).size(), 1u)
            << host.dump();
    }
    {
        test_host host(config_for(servers.trusted().url(path)), "0.1.0", "download");
        loaded_plugin plugin;
        plugin.start(host);
        EXPECT_EQ(host.lines_with("no update checks in 'download' mode").size(), 1u) << host.dump();
        host.run_for(300ms);
    }
    // None of the three hosts asked the server anything.
    EXPECT_EQ(servers.trusted().requests_with(path), 0);
}

TEST_F(updater_plugin_test, bad_settings_are_warnings_and_defaults_apply)
{
    auto const path = publish("v9.0.0");
    auto config = config_for(servers.trusted().url(path), {{"check_interval_hours", "daily"}});
    test_host host(config);
    loaded_plugin plugin;
    plugin.start(host);
    ASSERT_TRUE(host.run_until([&] { return check_finished(host); })) << host.dump();
    EXPECT_EQ(host.lines_with("updater.check_interval_hours: expected a number", log_level::warning).size(),
              1u)
        << host.dump();
    EXPECT_EQ(host.lines_with("update available: 9.0.0").size(), 1u) << host.dump();
}

TEST_F(updater_plugin_test, a_throwing_subscriber_is_logged_and_others_still_hear)
{
    test_host host(config_for(servers.trusted().url(publish("v9.0.0"))));
    loaded_plugin plugin;
    plugin.start(host);
    auto svc = service(host);
    auto bad = svc->subscribe([](update_info const&) { throw std::runtime_error("boom"); });
    int heard = 0;
    auto good = svc->subscribe([&](update_info const&) { ++heard; });
    ASSERT_TRUE(host.run_until([&] { return check_finished(host); })) << host.dump();
    EXPECT_EQ(heard, 1);
    EXPECT_EQ(host.lines_with("an update subscriber threw: boom", log_level::warning).size(), 1u)
        << host.dump();
}

} // namespace
} // namespace pico::updater::test
