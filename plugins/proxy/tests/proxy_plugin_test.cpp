#include "auth_failure.hpp"
#include "proxy_config.hpp"
#include "proxy_plugin.hpp"
#include "proxy_settings.hpp"

#include <gtest/gtest.h>
#include <picotorrent/sdk/testing/fake_host.hpp>

namespace px = pico::proxy;
namespace sdk = pico::sdk;
using settings_map = std::map<std::string, sdk::setting_value>;

namespace {

class proxy_test : public ::testing::Test {
  protected:
    void start(std::string section)
    {
        host.set_section(std::move(section));
        plugin.start(host);
    }
    // The error start() threw, or "started" when it did not.
    std::string start_error(std::string section)
    {
        host.set_section(std::move(section));
        px::proxy_plugin p;
        try {
            p.start(host);
        } catch (std::exception const& e) {
            return e.what();
        }
        p.stop();
        return "started";
    }
    void TearDown() override { plugin.stop(); }

    void SetUp() override { host.id = "proxy"; }

    pico::sdk::testing::fake_host host;
    px::proxy_plugin plugin;
};

sdk::setting_value int_value(std::int64_t v)
{
    return v;
}
sdk::setting_value str_value(std::string v)
{
    return v;
}

TEST_F(proxy_test, no_section_changes_nothing_but_the_proxy_type)
{
    start("null");
    ASSERT_EQ(host.applied.size(), 1u);
    EXPECT_EQ(host.applied[0], (settings_map{{"proxy_type", int_value(0)}}));
}

TEST_F(proxy_test, each_type_maps_to_libtorrents_proxy_type)
{
    struct row {
        char const* section;
        std::int64_t proxy_type;
    };
    for (
        auto const& r : {
            row{R"({"type": "none"})", 0},
            row{R"({"type": "socks4", "hostname": "127.0.0.1", "port": 1080})", 1},
            row{R"({"type": "socks4", "hostname": "127.0.0.1", "port": 1080, "username": "ident"})", 1},
            row{R"({"type": "socks5", "hostname": "127.0.0.1", "port": 1080})", 2},
            row{R"({"type": "socks5", "hostname": "127.0.0.1", "port": 1080, "username": "u", "password": "p"})",
                3},
            row{R"({"type": "http", "hostname": "proxy.lan", "port": 3128})", 4},
            row{R"({"type": "http", "hostname": "proxy.lan", "port": 3128, "username": "u", "password": "p"})",
                5},
        }) {
        pico::sdk::testing::fake_host h;
        h.id = "proxy";
        h.set_section(r.section);
        px::proxy_plugin p;
        p.start(h);
        ASSERT_EQ(h.applied.size(), 1u) << r.section;
        EXPECT_EQ(h.applied[0].at("proxy_type"), int_value(r.proxy_type)) << r.section;
        p.stop();
    }
}

TEST_F(proxy_test, socks5_with_credentials_sets_every_proxy_setting)
{
    start(
        R"({"type": "socks5", "hostname": "127.0.0.1", "port": 1080, "username": "alice", "password": "s3cret",
              "proxy_hostnames": false, "anonymous_mode": true})");
    ASSERT_EQ(host.applied.size(), 1u);
    EXPECT_EQ(host.applied[0], (settings_map{
                                   {"proxy_type", int_value(3)},
                                   {"proxy_hostname", str_value("127.0.0.1")},
                                   {"proxy_port", int_value(1080)},
                                   {"proxy_username", str_value("alice")},
                                   {"proxy_password", str_value("s3cret")},
                                   {"proxy_hostnames", false},
                                   {"proxy_peer_connections", true},
                                   {"proxy_tracker_connections", true},
                                   {"anonymous_mode", true},
                               }));
    EXPECT_TRUE(host.logged(sdk::log_level::info, "using socks5 proxy 127.0.0.1:1080 (user 'alice')"));
    // The password never reaches the log.
    for (auto const& l : host.logs())
        EXPECT_EQ(l.message.find("s3cret"), std::string::npos) << l.message;
}

TEST_F(proxy_test, force_mode_closes_every_way_around_the_proxy)
{
    start(R"({"type": "socks5", "hostname": "127.0.0.1", "port": 1080, "force": true})");
    ASSERT_EQ(host.applied.size(), 1u);
    auto const& s = host.applied[0];
    EXPECT_EQ(s.at("listen_interfaces"), str_value(""));
    for (char const* off : {"enable_dht", "enable_lsd", "enable_upnp", "enable_natpmp", "enable_outgoing_utp",
                            "enable_incoming_utp"})
        EXPECT_EQ(s.at(off), sdk::setting_value(false)) << off;
    for (char const* on : {"proxy_hostnames", "proxy_peer_connections", "proxy_tracker_connections"})
        EXPECT_EQ(s.at(on), sdk::setting_value(true)) << on;
    EXPECT_EQ(s.at("proxy_type"), int_value(2));
    EXPECT_TRUE(host.logged(sdk::log_level::info, "force proxy on"));
}

TEST_F(proxy_test, without_force_the_session_keeps_its_own_network_settings)
{
    start(R"({"type": "http", "hostname": "127.0.0.1", "port": 3128})");
    for (char const* name : {"listen_interfaces", "enable_dht", "enable_lsd", "enable_upnp", "enable_natpmp",
                             "enable_outgoing_utp", "enable_incoming_utp"})
        EXPECT_EQ(host.applied[0].count(name), 0u) << name;
}

TEST_F(proxy_test, force_mode_restores_settings_others_change)
{
    start(R"({"type": "socks5", "hostname": "127.0.0.1", "port": 1080, "force": true})");
    host.settings["enable_dht"] = true; // as if the host or another plugin had turned it on
    sdk::settings_changed_event e;
    e.settings = {"enable_dht", "active_downloads"};
    e.changed_by = "other";
    host.fire(e);
    ASSERT_EQ(host.applied.size(), 2u);
    EXPECT_EQ(host.applied[1], (settings_map{{"enable_dht", false}}));
    EXPECT_TRUE(host.logged(sdk::log_level::warning,
                            "plugin 'other' changed enable_dht; restored because proxy.force is on"));

    // Its own changes, and settings force mode does not pin, are left alone.
    e.changed_by = "proxy";
    host.settings["enable_dht"] = true;
    host.fire(e);
    e.changed_by = "other";
    e.settings = {"active_downloads"};
    host.fire(e);
    EXPECT_EQ(host.applied.size(), 2u);
}

TEST_F(proxy_test, configuration_change_is_applied)
{
    start(R"({"type": "none"})");
    host.set_section(R"({"type": "socks5", "hostname": "127.0.0.1", "port": 9050})");
    sdk::settings_changed_event e;
    e.config_keys = {"proxy"};
    host.fire(e);
    ASSERT_EQ(host.applied.size(), 2u);
    EXPECT_EQ(host.applied[1].at("proxy_port"), int_value(9050));

    host.set_section(R"({"type": "socks5", "hostname": "127.0.0.1", "port": "9050"})");
    host.fire(e);
    EXPECT_EQ(host.applied.size(), 2u);
    EXPECT_TRUE(host.logged(sdk::log_level::error,
                            "proxy.port: expected an integer 1..65535, got \"9050\"; keeping"));
}

TEST_F(proxy_test, each_invalid_value_is_one_error_naming_its_key)
{
    struct row {
        char const* section;
        char const* error_starts_with;
    };
    for (
        auto const& r : {
            row{R"([1])", "proxy: expected an object"},
            row{R"({"hostname": "127.0.0.1", "port": 1080})", "proxy.type: missing"},
            row{R"({"type": "socks6", "hostname": "h", "port": 1})",
                "proxy.type: unknown proxy type \"socks6\""},
            row{R"({"type": 5, "hostname": "h", "port": 1})", "proxy.type: expected a string"},
            row{R"({"type": "socks5", "port": 1080})",
                "proxy.hostname: missing (required when proxy.type is socks5)"},
            row{R"({"type": "socks5", "hostname": "", "port": 1080})", "proxy.hostname: missing"},
            row{R"({"type": "socks5", "hostname": "a b", "port": 1080})",
                "proxy.hostname: must not contain spaces"},
            row{R"({"type": "http", "hostname": ["h"], "port": 1080})", "proxy.hostname: expected a string"},
            row{R"({"type": "socks5", "hostname": "h"})",
                "proxy.port: missing (required when proxy.type is socks5)"},
            row{R"({"type": "socks5", "hostname": "h", "port": 0})",
                "proxy.port: out of range (expected 1..65535, got 0)"},
            row{R"({"type": "socks5", "hostname": "h", "port": 65536})", "proxy.port: out of range"},
            row{R"({"type": "socks5", "hostname": "h", "port": -1})", "proxy.port: out of range"},
            row{R"({"type": "socks5", "hostname": "h", "port": 18446744073709551615})",
                "proxy.port: out of range"},
            row{R"({"type": "socks5", "hostname": "h", "port": 1080.5})", "proxy.port: expected an integer"},
            row{R"({"type": "socks5", "hostname": "h", "port": 1, "username": 7})",
                "proxy.username: expected a string"},
            row{R"({"type": "socks5", "hostname": "h", "port": 1, "password": "p"})",
                "proxy.username: missing (required when proxy.password is set)"},
            row{R"({"type": "socks4", "hostname": "h", "port": 1, "username": "u", "password": "p"})",
                "proxy.password: not supported by socks4"},
            row{R"({"type": "socks5", "hostname": "h", "port": 1, "force": "yes"})",
                "proxy.force: expected true or false"},
            row{R"({"type": "none", "force": true})", "proxy.force: requires a proxy"},
            row{R"({"type": "socks5", "hostname": "h", "port": 1, "force": true, "proxy_peer_connections": false})",
                "proxy.proxy_peer_connections: cannot be false when proxy.force is true"},
            row{R"({"type": "socks5", "hostname": "h", "port": 1, "proxy_tracker_connections": 1})",
                "proxy.proxy_tracker_connections: expected true or false"},
            row{R"({"type": "socks5", "hostname": "h", "port": 1, "anonymous_mode": null})",
                "proxy.anonymous_mode: expected true or false"},
            row{R"({"type": "socks5", "hostname": "h", "port": 1, "hostnme": "x"})",
                "proxy.hostnme: unknown key"},
        }) {
        auto const error = start_error(r.section);
        EXPECT_EQ(error.rfind(r.error_starts_with, 0), 0u) << r.section << " -> " << error;
        // The same line is logged at error level, and nothing reached the session.
        EXPECT_TRUE(host.logged(sdk::log_level::error, error)) << error;
        EXPECT_TRUE(host.applied.empty()) << r.section;
    }
}

TEST_F(proxy_test, host_refusing_a_setting_refuses_the_plugin)
{
    host.unknown_settings = {"proxy_hostnames"};
    auto const error = start_error(R"({"type": "socks5", "hostname": "h", "port": 1})");
    EXPECT_EQ(error,
              "proxy: the host refused the proxy settings: unknown libtorrent setting 'proxy_hostnames'");
    EXPECT_TRUE(host.logged(sdk::log_level::error, error));
}

TEST(proxy_auth, recognises_libtorrents_proxy_credential_errors)
{
    for (char const* m :
         {"SOCKS authentication error", "SOCKS username required", "SOCKS unsupported authentication method",
          "SOCKS no identd running", "SOCKS identd could not identify username", "407 (unknown HTTP error)",
          "Proxy Authentication Required"})
        EXPECT_TRUE(px::is_proxy_auth_failure(m)) << m;
    for (char const* m : {"Connection refused", "SOCKS general failure", "403 Forbidden", "timed out",
                          "torrent not registered (port 14070)"})
        EXPECT_FALSE(px::is_proxy_auth_failure(m)) << m;
}

TEST_F(proxy_test, bad_credentials_are_reported_once_naming_the_proxy)
{
    start(
        R"({"type": "socks5", "hostname": "127.0.0.1", "port": 1080, "username": "alice", "password": "wrong"})");
    sdk::tracker_error_event e;
    e.url = "http://127.0.0.1:6969/announce";
    e.message = "SOCKS authentication error";
    host.fire(e);
    host.fire(e);
    sdk::torrent_error_event t;
    t.message = "SOCKS authentication error";
    host.fire(t);
    std::size_t errors = 0;
    for (auto const& l : host.logs())
        errors += l.level == sdk::log_level::error;
    EXPECT_EQ(errors, 1u);
    EXPECT_TRUE(host.logged(
        sdk::log_level::error,
        "socks5 proxy 127.0.0.1:1080 (user 'alice') refused our credentials (SOCKS authentication "
        "error, tracker http://127.0.0.1:6969/announce)"));

    sdk::tracker_error_event other;
    other.message = "Connection refused";
    host.fire(other);
    EXPECT_EQ(host.logs().size(), 2u); // the start-up line and the one error
}

TEST_F(proxy_test, auth_errors_without_a_proxy_are_not_ours)
{
    start(R"({"type": "none"})");
    sdk::tracker_error_event e;
    e.message = "SOCKS authentication error";
    host.fire(e);
    EXPECT_FALSE(host.logged(sdk::log_level::error, "refused our credentials"));
}

TEST_F(proxy_test, stop_releases_subscriptions)
{
    start("null");
    EXPECT_EQ(host.registrations(), 3u);
    plugin.stop();
    EXPECT_EQ(host.registrations(), 0u);
}

} // namespace
