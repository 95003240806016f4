// The updater against servers that fail, stall, refuse or lie, and against bad settings: each is
// one warning, and the host goes on.
#include "updater_plugin_fixture.hpp"

namespace pico::updater::test {
namespace {

using namespace std::chrono_literals;
using json = nlohmann::json;
using sdk::log_level;

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
