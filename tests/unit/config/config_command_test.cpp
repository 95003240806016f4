// `picotorrent config show`, run as a separate process on fixture files.
#include "config/config_paths.hpp"
#include "config/settings_mapping.hpp"
#include "config_test_support.hpp"

#include <algorithm>
#include <fcntl.h>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <vector>

extern char** environ;

namespace pico::config {
namespace {

using json = nlohmann::json;
using test::data_file;
using test::read_text;
using test::temp_dir;

struct result {
    int exit_code = -1;
    std::string out;
    std::string err;
};

// Runs picotorrent with `args` and a controlled environment: no XDG_* variables from the
// caller, HOME in a temporary folder, plus `extra_env`.
result run_picotorrent(std::vector<std::string> const& args, temp_dir const& scratch,
                       std::vector<std::string> const& extra_env = {})
{
    std::vector<std::string> env;
    for (char** e = environ; *e != nullptr; ++e) {
        std::string const entry(*e);
        if (entry.rfind("XDG_", 0) != 0 && entry.rfind("HOME=", 0) != 0)
            env.push_back(entry);
    }
    env.push_back("HOME=" + (scratch / "home").string());
    env.insert(env.end(), extra_env.begin(), extra_env.end());

    std::vector<std::string> argv_strings{PICO_EXECUTABLE};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings)
        argv.push_back(s.data());
    argv.push_back(nullptr);
    std::vector<char*> envp;
    for (auto& s : env)
        envp.push_back(s.data());
    envp.push_back(nullptr);

    auto const out_file = scratch / "stdout.txt";
    auto const err_file = scratch / "stderr.txt";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid = -1;
    int const rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    result r;
    if (rc != 0)
        return r;
    int status = 0;
    if (::waitpid(pid, &status, 0) == pid && WIFEXITED(status))
        r.exit_code = WEXITSTATUS(status);
    r.out = read_text(out_file);
    r.err = read_text(err_file);
    return r;
}

std::size_t line_count(std::string const& s)
{
    return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

TEST(config_command, shows_effective_config_and_libtorrent_settings)
{
    temp_dir scratch;
    auto const fixture = data_file("show_fixture.json");
    auto const before = read_text(fixture);
    auto const r = run_picotorrent(
        {"config", "show", "--config", fixture.string(), "--state-dir", (scratch / "state").string()},
        scratch);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // A section nobody declares is kept as written, and named.
    EXPECT_EQ(r.err, "picotorrent: note: " + fixture.string() +
                         ":16:3: 'my_plugin' is not validated: no installed plugin declares it\n");
    EXPECT_EQ(r.out.rfind("{\n  \"config\": {\n", 0), 0u) << "pretty-printed with 2-space indent";
    auto const j = json::parse(r.out);
    EXPECT_EQ(j.at("config_file"), fixture.string());
    EXPECT_EQ(j.at("state_dir"), (scratch / "state").string());

    auto const& c = j.at("config");
    EXPECT_EQ(c.at("save_path"), "/tmp/pico-downloads");
    EXPECT_EQ(c.at("plugins"), json::parse(R"(["websocket", "file_filters"])"));
    EXPECT_EQ(c.at("session").at("active_downloads"), 7);
    EXPECT_EQ(c.at("session").at("active_checking"), 1); // default filled in
    EXPECT_EQ(c.at("websocket").at("listen_address"), "127.0.0.1");
    EXPECT_EQ(c.at("websocket").at("token"), "secret");
    EXPECT_EQ(c.at("my_plugin"), json::parse(R"({"kept": true})"));

    auto const& l = j.at("libtorrent");
    EXPECT_EQ(l.at("active_downloads"), 7);
    EXPECT_EQ(l.at("active_seeds"), 11);
    EXPECT_EQ(l.at("in_enc_policy"), 0);  // pe_forced
    EXPECT_EQ(l.at("out_enc_policy"), 1); // pe_enabled
    EXPECT_EQ(l.at("enable_dht"), false);
    EXPECT_EQ(l.at("enable_lsd"), false);
    EXPECT_EQ(l.at("enable_upnp"), false);
    EXPECT_EQ(l.at("enable_natpmp"), false);
    EXPECT_EQ(l.at("listen_interfaces"), "127.0.0.1:0");
    EXPECT_EQ(l.at("peer_fingerprint"), peer_fingerprint());
    EXPECT_EQ(l.at("user_agent"), user_agent());

    EXPECT_EQ(read_text(fixture), before) << "config show must not write the file";
    EXPECT_FALSE(std::filesystem::exists(scratch / "state")) << "config show must not create state";
}

TEST(config_command, masks_the_proxy_password_but_shows_the_websocket_token)
{
    temp_dir scratch;
    auto const file = scratch / "PicoTorrent.json";
    std::ofstream(file) << R"({"proxy": {"type": "socks5", "hostname": "127.0.0.1", "port": 1080,
                                "username": "alice", "password": "hunter2"},
                               "websocket": {"token": "visible-token"}})";
    auto const r = run_picotorrent({"config", "show", "--config", file.string()}, scratch);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.find("hunter2"), std::string::npos) << r.out;
    auto const j = json::parse(r.out);
    EXPECT_EQ(j.at("config").at("proxy").at("password"), "********");
    EXPECT_EQ(j.at("config").at("proxy").at("username"), "alice");
    EXPECT_EQ(j.at("config").at("websocket").at("token"), "visible-token");
    EXPECT_NE(read_text(file).find("hunter2"), std::string::npos) << "the file itself is untouched";
}

TEST(config_command, prints_the_dashboard_url_with_the_token_in_the_fragment)
{
    temp_dir scratch;
    auto const file = scratch / "PicoTorrent.json";
    auto url_for = [&](std::string const& text) {
        std::ofstream(file) << text;
        auto const r = run_picotorrent({"config", "show", "--config", file.string()}, scratch);
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return json::parse(r.out).at("dashboard_url");
    };
    EXPECT_EQ(url_for(R"({"websocket": {"enabled": true, "token": "0123456789abcdef/+x"}})"),
              "http://127.0.0.1:7676/#token=0123456789abcdef%2F%2Bx");
    EXPECT_EQ(
        url_for(
            R"({"plugins": ["websocket"], "websocket": {"enabled": true, "token": "t", "listen_port": 9000,
                          "listen_address": "::1", "tls": {"certificate": "c.pem", "private_key": "k.pem"}}})"),
        "https://[::1]:9000/#token=t");
    EXPECT_EQ(url_for(R"({"websocket": {"enabled": true, "token": "t", "listen_address": "0.0.0.0"}})"),
              "http://127.0.0.1:7676/#token=t");
    // None served, or none known yet.
    for (char const* none : {R"({"websocket": {"token": "t"}})",
                             R"({"websocket": {"enabled": true, "token": "t", "serve_dashboard": false}})",
                             R"({"plugins": ["proxy"], "websocket": {"enabled": true, "token": "t"}})",
                             R"({"websocket": {"enabled": true}})",
                             R"({"websocket": {"enabled": true, "token": "t", "listen_port": 0}})"})
        EXPECT_TRUE(url_for(none).is_null()) << none;
}

TEST(config_command, shows_the_reference_example)
{
    temp_dir scratch;
    auto const r = run_picotorrent(
        {"config", "show", "--config", data_file("reference_advanced_settings.json").string()}, scratch,
        {"XDG_DATA_HOME=" + (scratch / "data").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto const j = json::parse(r.out);
    EXPECT_EQ(j.at("state_dir"), (scratch / "data" / "picotorrent").string());
    EXPECT_EQ(j.at("config").at("session").at("active_loaded_limit"), 100);
    EXPECT_EQ(j.at("libtorrent").at("active_tracker_limit"), 1600);
    EXPECT_EQ(j.at("libtorrent").at("active_dht_limit"), 88);
    EXPECT_EQ(j.at("libtorrent").at("in_enc_policy"), 1);
}

TEST(config_command, broken_file_is_one_line_with_line_and_column)
{
    temp_dir scratch;
    auto const broken = data_file("broken.json");
    auto const r = run_picotorrent({"config", "show", "--config", broken.string()}, scratch);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "picotorrent: " + broken.string() + ":4:24: trailing comma before '}'\n");
}

TEST(config_command, wrong_type_names_the_key)
{
    temp_dir scratch;
    auto const file = data_file("wrong_type.json");
    auto const r = run_picotorrent({"config", "show", "--config", file.string()}, scratch);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "picotorrent: " + file.string() +
                         ": session.active_downloads: expected an integer, got string\n");
}

TEST(config_command, default_locations_follow_xdg)
{
    temp_dir scratch;
    if (std::filesystem::exists(std::filesystem::path(PICO_EXECUTABLE).parent_path() / "PicoTorrent.json"))
        GTEST_SKIP() << "a portable PicoTorrent.json sits next to the executable";
    test::write_text(scratch / "cfg" / "picotorrent" / "PicoTorrent.json",
                     R"({"session": {"active_seeds": 42}})");
    auto const r = run_picotorrent(
        {"config", "show"}, scratch,
        {"XDG_CONFIG_HOME=" + (scratch / "cfg").string(), "XDG_DATA_HOME=" + (scratch / "data").string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto const j = json::parse(r.out);
    EXPECT_EQ(j.at("config_file"), (scratch / "cfg" / "picotorrent" / "PicoTorrent.json").string());
    EXPECT_EQ(j.at("state_dir"), (scratch / "data" / "picotorrent").string());
    EXPECT_EQ(j.at("libtorrent").at("active_seeds"), 42);
    EXPECT_EQ(j.at("config").at("save_path"), (scratch / "home" / "Downloads").string());
}

TEST(config_command, usage_errors_exit_2_with_one_message)
{
    temp_dir scratch;
    for (auto const& args : std::vector<std::vector<std::string>>{{"config"},
                                                                  {"config", "frobnicate"},
                                                                  {"config", "show", "extra"},
                                                                  {"config", "show", "--bogus"},
                                                                  {"config", "show", "--config"}}) {
        auto const r = run_picotorrent(args, scratch);
        EXPECT_EQ(r.exit_code, 2) << args.back();
        EXPECT_EQ(r.out, "") << args.back();
        EXPECT_EQ(r.err.rfind("picotorrent config: ", 0), 0u) << r.err;
        EXPECT_LE(line_count(r.err), 2u) << r.err; // the message and the usage line
    }
    auto const help = run_picotorrent({"config", "--help"}, scratch);
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.out.find("config show"), std::string::npos);
}

} // namespace
} // namespace pico::config

namespace pico::config {
namespace {

TEST(config_command, check_fails_on_a_typo_and_passes_a_clean_file)
{
    temp_dir scratch;
    auto const file = scratch / "typo.json";
    std::ofstream(file) << "{\"sesion\": {\"enable_dht\": false}}";
    auto const bad = run_picotorrent({"config", "check", "--config", file.string()}, scratch);
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err,
              "picotorrent: " + file.string() + ":1:2: unknown key 'sesion' (did you mean 'session'?)\n");
    // show still works, and warns.
    auto const show = run_picotorrent({"config", "show", "--config", file.string()}, scratch);
    EXPECT_EQ(show.exit_code, 0);
    EXPECT_EQ(show.err, "picotorrent: warning: " + file.string() +
                            ":1:2: unknown key 'sesion' (did you mean 'session'?)\n");

    std::ofstream(file, std::ios::trunc) << "{\"session\": {\"enable_dht\": false}}";
    auto const good = run_picotorrent({"config", "check", "--config", file.string()}, scratch);
    EXPECT_EQ(good.exit_code, 0) << good.err;
    EXPECT_EQ(good.out, file.string() + ": ok\n");
}

TEST(config_command, a_named_config_that_does_not_exist_is_an_error)
{
    temp_dir scratch;
    auto const missing = scratch / "missing.json";
    auto const r = run_picotorrent({"config", "show", "--config", missing.string()}, scratch);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "picotorrent: " + missing.string() + ": no such file\n");
}

TEST(config_command, number_overflow_is_the_usual_error_line)
{
    temp_dir scratch;
    auto const file = scratch / "big.json";
    std::ofstream(file) << "{\"x\": 1e999}";
    auto const r = run_picotorrent({"config", "show", "--config", file.string()}, scratch);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "picotorrent: " + file.string() + ":1:7: number out of range\n");
}

TEST(config_command, deep_nesting_is_one_line_not_a_crash)
{
    temp_dir scratch;
    auto const file = scratch / "deep.json";
    std::ofstream(file) << "{\"x\": " << std::string(58500, '[') << std::string(58500, ']') << "}";
    auto const r = run_picotorrent({"config", "show", "--config", file.string()}, scratch);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.err, "picotorrent: " + file.string() + ":1:70: nested deeper than 64 levels\n");
}

TEST(config_command, rate_limits_reach_libtorrent)
{
    temp_dir scratch;
    auto const file = scratch / "rates.json";
    std::ofstream(file) << R"({"session": {"download_rate_limit": 1048576, "upload_rate_limit": 65536}})";
    auto const r = run_picotorrent({"config", "show", "--config", file.string()}, scratch);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto const j = json::parse(r.out);
    EXPECT_EQ(j.at("config").at("session").at("download_rate_limit"), 1048576);
    EXPECT_EQ(j.at("libtorrent").at("download_rate_limit"), 1048576);
    EXPECT_EQ(j.at("libtorrent").at("upload_rate_limit"), 65536);

    std::ofstream(file, std::ios::trunc) << R"({"session": {"upload_rate_limit": -1}})";
    auto const bad = run_picotorrent({"config", "show", "--config", file.string()}, scratch);
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_EQ(bad.err, "picotorrent: " + file.string() +
                           ": session.upload_rate_limit: expected bytes per second (an integer >= 0; 0: "
                           "unlimited), got integer -1\n");
}

} // namespace
} // namespace pico::config

namespace pico::config {
namespace {

// A loopback-only config plus `extra` (the session never starts in these tests, but if a bug
// let it start it would stay on 127.0.0.1 with DHT, LSD, UPnP and NAT-PMP off).
std::filesystem::path loopback_config(temp_dir const& scratch, std::string const& extra)
{
    auto const file = scratch / "PicoTorrent.json";
    std::ofstream(file) << R"({"session": {"listen_interfaces": "127.0.0.1:0", "enable_dht": false, )"
                        << R"("enable_lsd": false, "enable_upnp": false, "enable_natpmp": false})" << extra
                        << "}";
    return file;
}

std::vector<std::string> run_args(temp_dir const& scratch, std::filesystem::path const& config,
                                  std::vector<std::string> const& more)
{
    std::vector<std::string> args{"run", "--config", config.string(), "--state-dir",
                                  (scratch / "state").string()};
    args.insert(args.end(), more.begin(), more.end());
    return args;
}

TEST(config_command, run_stops_on_an_unknown_plugins_id)
{
    temp_dir scratch;
    auto const config = loopback_config(scratch, "");
    auto const r = run_picotorrent(run_args(scratch, config, {"--plugins", "file_filters,prxy"}), scratch);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("--plugins: no plugin 'prxy' is installed (installed: "), std::string::npos)
        << r.err;
    EXPECT_EQ(r.err.find("successfully listening"), std::string::npos) << r.err;
}

TEST(config_command, run_stops_when_a_fail_closed_plugins_section_has_no_running_plugin)
{
    temp_dir scratch;
    auto const config = loopback_config(
        scratch, R"(, "proxy": {"type": "socks5", "hostname": "127.0.0.1", "port": 9, "force": true})");
    auto const r = run_picotorrent(run_args(scratch, config, {"--plugins", "file_filters"}), scratch);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("the configuration has a 'proxy' section, but plugin 'proxy' is not selected"),
              std::string::npos)
        << r.err;
}

TEST(config_command, run_strict_refuses_unknown_keys)
{
    temp_dir scratch;
    auto const config = loopback_config(scratch, R"(, "sesion": {"enable_dht": false})");
    auto const r = run_picotorrent(run_args(scratch, config, {"--no-plugins", "--strict"}), scratch);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(config.string() + ":1:139: unknown key 'sesion' (did you mean 'session'?)"),
              std::string::npos)
        << r.err;
    EXPECT_NE(r.err.find("--strict"), std::string::npos) << r.err;
}

} // namespace
} // namespace pico::config
