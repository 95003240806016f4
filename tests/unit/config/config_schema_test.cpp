// Known keys: type checks that name the dotted key, defaults, unknown keys kept.
#include "config/config_error.hpp"
#include "config/config_schema.hpp"
#include "config_test_support.hpp"
#include "in_tree_schema.hpp"

#include <gtest/gtest.h>
#include <libtorrent/settings_pack.hpp>

namespace pico::config {
namespace {

using json = nlohmann::json;

std::string validation_error(std::string const& document)
{
    try {
        validate_document(json::parse(document), test::in_tree_schema());
    } catch (config_error const& e) {
        return e.what();
    }
    return "(valid)";
}

struct bad_document {
    char const* document;
    char const* message;
};

class schema_rejects : public ::testing::TestWithParam<bad_document> {};

TEST_P(schema_rejects, naming_the_key)
{
    EXPECT_EQ(validation_error(GetParam().document), GetParam().message);
}

INSTANTIATE_TEST_SUITE_P(
    config_schema, schema_rejects,
    ::testing::Values(
        bad_document{R"({"session": {"active_downloads": "3"}})",
                     "session.active_downloads: expected an integer, got string"},
        bad_document{R"({"session": {"active_limit": 2.5}})",
                     "session.active_limit: expected an integer, got number 2.5"},
        bad_document{R"({"session": {"active_seeds": 3000000000}})",
                     "session.active_seeds: expected an integer, got integer 3000000000"},
        bad_document{R"({"session": {"active_loaded_limit": true}})",
                     "session.active_loaded_limit: expected an integer, got boolean"},
        bad_document{R"({"session": {"enable_dht": "yes"}})",
                     "session.enable_dht: expected true or false, got string"},
        bad_document{R"({"session": {"require_incoming_encryption": 1}})",
                     "session.require_incoming_encryption: expected true or false, got integer 1"},
        bad_document{R"({"session": 5})", "session: expected an object, got integer 5"},
        bad_document{
            R"({"session": {"listen_interfaces": "0.0.0.0"}})",
            R"(session.listen_interfaces: "0.0.0.0" is not HOST:PORT (e.g. "0.0.0.0:6881,[::]:6881"))"},
        bad_document{
            R"({"session": {"listen_interfaces": "0.0.0.0:6881,[::1:6881"}})",
            R"(session.listen_interfaces: "[::1:6881" is not HOST:PORT (e.g. "0.0.0.0:6881,[::]:6881"))"},
        bad_document{
            R"({"session": {"listen_interfaces": "127.0.0.1:65536"}})",
            R"(session.listen_interfaces: "127.0.0.1:65536" is not HOST:PORT (e.g. "0.0.0.0:6881,[::]:6881"))"},
        bad_document{R"({"session": {"enable_utp": false, "enable_tcp": false}})",
                     "session.enable_tcp: uTP is disabled too: with neither TCP nor uTP no peer can connect"},
        bad_document{R"({"save_path": ""})", "save_path: must not be empty"},
        bad_document{R"({"save_path": ["/a"]})", "save_path: expected a string, got array"},
        bad_document{R"({"plugins": "websocket"})", "plugins: expected an array of strings, got string"},
        bad_document{R"({"plugins": ["websocket", 3]})", "plugins[1]: expected a string, got integer 3"},
        bad_document{R"({"ui": {"show_add_torrent_dialog": 0}})",
                     "ui.show_add_torrent_dialog: expected true or false, got integer 0"},
        bad_document{R"({"update_url": 5})", "update_url: expected a string, got integer 5"},
        bad_document{R"({"ignored_update": false})", "ignored_update: expected a string, got boolean"},
        bad_document{R"({"websocket": {"enabled": "true"}})",
                     "websocket.enabled: expected true or false, got string"},
        bad_document{R"({"websocket": {"listen_port": "7676"}})",
                     "websocket.listen_port: expected a port number (0-65535), got string"},
        bad_document{R"({"websocket": {"listen_port": -1}})",
                     "websocket.listen_port: expected a port number (0-65535), got integer -1"},
        bad_document{R"({"websocket": {"token": 1234}})",
                     "websocket.token: expected a string, got integer 1234"},
        bad_document{R"({"websocket": {"allowed_origins": "http://localhost"}})",
                     "websocket.allowed_origins: expected an array of strings, got string"},
        bad_document{R"({"websocket": {"allowed_hosts": [1]}})",
                     "websocket.allowed_hosts[0]: expected a string, got integer 1"},
        bad_document{R"({"plugins": [""]})", "plugins[0]: must not be empty"},
        bad_document{R"({"websocket": {"tls": {"certificate": 1}}})",
                     "websocket.tls.certificate: expected a string, got integer 1"},
        bad_document{R"({"websocket": {"tls": "on"}})", "websocket.tls: expected an object, got string"},
        bad_document{R"({"file_filters": {}})", "file_filters: expected an array of objects, got object"},
        bad_document{R"({"file_filters": ["*.iso"]})", R"(file_filters[0]: expected an object, got string)"},
        bad_document{R"({"file_filters": [{"name": "x", "pattern": ".*"}, {"name": "y"}]})",
                     R"(file_filters[1]: missing "pattern")"},
        bad_document{R"({"file_filters": [{"name": "x", "pattern": ".*", "apply": "both"}]})",
                     R"(file_filters[0].apply: expected "include" or "exclude", got "both")"},
        bad_document{R"({"proxy": {"type": "socks6"}})",
                     R"(proxy.type: expected "none", "socks4", "socks5" or "http", got "socks6")"},
        bad_document{R"({"session": {"disk_io": "direct"}})",
                     R"(session.disk_io: expected "auto", "mmap" or "posix", got "direct")"},
        bad_document{R"({"session": {"disk_io": 1}})",
                     R"(session.disk_io: expected "auto", "mmap" or "posix", got integer 1)"},
        bad_document{R"({"proxy": {"port": 99999}})",
                     "proxy.port: expected a port number (0-65535), got integer 99999"},
        bad_document{R"({"proxy": {"force": "no"}})", "proxy.force: expected true or false, got string"},
        bad_document{R"({"updater": {"check_interval_hours": -1}})",
                     "updater.check_interval_hours: expected a number >= 0, got integer -1"},
        bad_document{R"({"updater": {"check_interval_hours": "daily"}})",
                     "updater.check_interval_hours: expected a number >= 0, got string"},
        bad_document{R"({"updater": {"timeout_seconds": 0}})",
                     "updater.timeout_seconds: expected a number greater than 0, got integer 0"},
        bad_document{R"({"proxy": {"anonymous_mode": 1}})",
                     "proxy.anonymous_mode: expected true or false, got integer 1"},
        bad_document{R"({"updater": {"ca_file": false}})", "updater.ca_file: expected a string, got boolean"},
        bad_document{R"("just a string")", "(top level): expected an object, got string"}));

TEST(config_schema, accepts_valid_listen_interfaces)
{
    for (char const* value : {"127.0.0.1:6881", "0.0.0.0:6881,[::]:6881", "eth0:6881s", "", "[::1]:0",
                              "10.0.0.1:6881l, 127.0.0.1:0"}) {
        EXPECT_EQ(validation_error(json{{"session", {{"listen_interfaces", value}}}}.dump()), "(valid)")
            << value;
    }
}

// The host checks types; ranges and meaning of plugin sections are the plugins' (they accept these).
TEST(config_schema, accepts_what_plugins_accept)
{
    EXPECT_EQ(validation_error(R"({"websocket": {"tls": {"certificate": "", "private_key": ""}, "token": "",
                                   "listen_port": 0, "allowed_origins": [], "allowed_hosts": ["localhost:7676"]},
                                   "updater": {"check_interval_hours": 0.001, "ca_file": ""},
                                   "update_url": "", "proxy": {"type": "socks5", "port": 0, "anonymous_mode": true},
                                   "file_filters": [{"name": "iso", "pattern": ".*\\.iso$", "apply": "exclude"}]})"),
              "(valid)");
    EXPECT_EQ(validation_error(R"({"updater": {"check_interval_hours": 0}})"), "(valid)");
}

TEST(config_schema, null_counts_as_absent)
{
    EXPECT_EQ(validation_error(R"({"session": null, "save_path": null, "websocket": {"token": null}})"),
              "(valid)");
    test::scoped_env env;
    env.set("XDG_DOWNLOAD_DIR", "/downloads");
    auto const effective =
        effective_config(json::parse(R"({"session": null, "save_path": null})"), test::in_tree_schema());
    EXPECT_EQ(effective.at("session").at("active_downloads"), 3);
    EXPECT_EQ(effective.at("save_path"), "/downloads");
}

TEST(config_schema, unknown_keys_and_sections_are_kept)
{
    auto const document =
        json::parse(R"({"my_plugin": {"anything": [1, "two"]}, "session": {"future_key": "x"}})");
    EXPECT_EQ(validation_error(document.dump()), "(valid)");
    auto const effective = effective_config(document, test::in_tree_schema());
    EXPECT_EQ(effective.at("my_plugin"), document.at("my_plugin"));
    EXPECT_EQ(effective.at("session").at("future_key"), "x");
}

TEST(config_schema, effective_config_fills_every_default)
{
    test::scoped_env env;
    env.set("XDG_DOWNLOAD_DIR", "/home/u/Downloads");
    auto const e = effective_config(json::object(), test::in_tree_schema());
    auto const lt_defaults = lt::default_settings();
    using sp = lt::settings_pack;
    EXPECT_EQ(e.at("save_path"), "/home/u/Downloads");
    EXPECT_EQ(e.at("ignored_update"), "");
    EXPECT_EQ(e.at("update_url"), "https://api.github.com/repos/picotorrent/picotorrent/releases/latest");
    EXPECT_FALSE(e.contains("plugins")); // absent: every plugin found is loaded
    auto const& s = e.at("session");
    EXPECT_EQ(s.at("active_checking"), lt_defaults.get_int(sp::active_checking));
    EXPECT_EQ(s.at("active_dht_limit"), lt_defaults.get_int(sp::active_dht_limit));
    EXPECT_EQ(s.at("active_downloads"), lt_defaults.get_int(sp::active_downloads));
    EXPECT_EQ(s.at("active_limit"), lt_defaults.get_int(sp::active_limit));
    EXPECT_EQ(s.at("active_loaded_limit"), 100);
    EXPECT_EQ(s.at("active_lsd_limit"), lt_defaults.get_int(sp::active_lsd_limit));
    EXPECT_EQ(s.at("active_seeds"), lt_defaults.get_int(sp::active_seeds));
    EXPECT_EQ(s.at("active_tracker_limit"), lt_defaults.get_int(sp::active_tracker_limit));
    EXPECT_EQ(s.at("anonymous_mode"), false);
    EXPECT_EQ(s.at("listen_interfaces"), "0.0.0.0:6881,[::]:6881");
    for (char const* on :
         {"enable_dht", "enable_lsd", "enable_upnp", "enable_natpmp", "enable_utp", "enable_tcp"})
        EXPECT_EQ(s.at(on), true) << on;
    EXPECT_EQ(s.at("require_incoming_encryption"), false);
    EXPECT_EQ(s.at("require_outgoing_encryption"), false);
    EXPECT_EQ(e.at("ui").at("show_add_torrent_dialog"), true);
    EXPECT_EQ(e.at("websocket").at("enabled"), false);
    EXPECT_EQ(e.at("websocket").at("listen_port"), 7676);
    EXPECT_EQ(e.at("websocket").at("listen_address"), "127.0.0.1");
    EXPECT_FALSE(e.at("websocket").contains("token"));
    EXPECT_EQ(e.at("file_filters"), json::array());
    EXPECT_EQ(e.at("proxy").at("type"), "none");
    EXPECT_EQ(e.at("proxy").at("force"), false);
    EXPECT_EQ(e.at("proxy").at("proxy_hostnames"), true);
    EXPECT_EQ(e.at("proxy").at("proxy_peer_connections"), true);
    EXPECT_EQ(e.at("proxy").at("proxy_tracker_connections"), true);
    EXPECT_FALSE(e.at("proxy").contains("anonymous_mode"));
    EXPECT_EQ(e.at("updater").at("check_interval_hours"), 24);
    EXPECT_EQ(e.at("updater").at("timeout_seconds"), 15);
}

TEST(config_schema, user_values_win_over_defaults)
{
    auto const e = effective_config(
        json::parse(
            R"({"save_path": "/data", "session": {"enable_dht": false}, "websocket": {"listen_port": 0}, "plugins": []})"),
        test::in_tree_schema());
    EXPECT_EQ(e.at("save_path"), "/data");
    EXPECT_EQ(e.at("session").at("enable_dht"), false);
    EXPECT_EQ(e.at("session").at("enable_lsd"), true);
    EXPECT_EQ(e.at("websocket").at("listen_port"), 0);
    EXPECT_EQ(e.at("plugins"), json::array());
}

// Without the plugins installed, their sections are kept as written and nothing is checked or
// filled in: the host knows no plugin's keys of its own.
TEST(config_schema, host_alone_knows_no_plugin_key)
{
    auto const document =
        json::parse(R"({"websocket": {"listen_port": "not a port"}, "proxy": {"type": 5}})");
    EXPECT_NO_THROW(validate_document(document));
    auto const e = effective_config(document);
    EXPECT_EQ(e.at("websocket"), document.at("websocket"));
    EXPECT_FALSE(e.contains("update_url"));
    EXPECT_FALSE(e.contains("file_filters"));
    EXPECT_FALSE(e.contains("ui"));
    for (auto const& key : known_config_keys())
        EXPECT_TRUE(key == "save_path" || key == "plugins" || key.rfind("session.", 0) == 0) << key;
}

TEST(config_schema, a_plugin_cannot_declare_a_key_it_does_not_own)
{
    config_schema schema;
    key_rule rule;
    rule.key = "session.enable_dht";
    EXPECT_THROW(schema.add_plugin("sneaky", {rule}), config_error);
    rule.key = "mine.value";
    schema.add_plugin("mine", {rule});
    try {
        schema.add_plugin("other", {rule});
        ADD_FAILURE() << "a second owner was accepted";
    } catch (config_error const& e) {
        EXPECT_STREQ(e.what(), "plugin other declares \"mine.value\", which is plugin mine's");
    }
    EXPECT_EQ(schema.owner_of("mine.value"), "mine");
    EXPECT_EQ(schema.owner_of("session.enable_dht"), "");
}

TEST(config_schema, secrets_are_masked_when_set)
{
    auto config =
        json::parse(R"({"proxy": {"password": "hunter2", "username": "me"}, "websocket": {"token": "t"}})");
    mask_secrets(config, test::in_tree_schema());
    EXPECT_EQ(config.at("proxy").at("password"), "********");
    EXPECT_EQ(config.at("proxy").at("username"), "me");
    EXPECT_EQ(config.at("websocket").at("token"), "t"); // shown on purpose: how a user finds it
    auto empty = json::parse(R"({"proxy": {"password": ""}})");
    mask_secrets(empty, test::in_tree_schema());
    EXPECT_EQ(empty.at("proxy").at("password"), "");
}

} // namespace
} // namespace pico::config
