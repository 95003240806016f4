// The proxy is fail_closed: with a proxy section it rejects it is refused, and `download` and `run`
// exit before the session starts, with one line naming the proxy and why, instead of going on
// without a proxy. Checked with the real binary against a real seeder on loopback.
#include "support/test_support.hpp"

#include <csignal>
#include <fstream>
#include <gtest/gtest.h>
#include <libtorrent/alert_types.hpp>
#include <nlohmann/json.hpp>
#include <thread>

namespace fs = std::filesystem;
namespace ts = pico::test_support;

namespace {

// Port 0 passes the host's config check (0 means "any" elsewhere) but not the proxy's own.
std::string const refusal_line =
    "proxy: refused (start() threw: proxy.port: out of range (expected 1..65535, got 0)";
std::string const fail_closed_tail = "; it is fail_closed, so the host will not run without it";

class proxy_fail_closed : public ::testing::Test {
  protected:
    void SetUp() override
    {
        ts::make_payload(dir.path() / "seed" / "share", {{"a.bin", 300 * 1024}}, 4);
        ts::make_torrent(dir.path() / "seed" / "share", torrent, {});
        ts::write_loopback_host_config(
            config,
            {{"proxy", {{"type", "socks5"}, {"hostname", "127.0.0.1"}, {"port", 0}, {"force", true}}}});
    }

    std::vector<std::string> host_args(std::string const& command, std::string const& plugins = "proxy")
    {
        // --verbose: the absence of the session's "successfully listening" info line is checked.
        return {command,     "--config", config.string(), "--state-dir", (dir.path() / "state").string(),
                "--plugins", plugins,    "--verbose"};
    }

    // The refusal line is in stderr, once, with the fail_closed explanation on the same line.
    static void expect_refusal_line(std::string const& err)
    {
        auto const at = err.find(refusal_line);
        ASSERT_NE(at, std::string::npos) << err;
        auto const end = err.find('\n', at);
        auto const line = err.substr(at, end == std::string::npos ? std::string::npos : end - at);
        EXPECT_NE(line.find(fail_closed_tail), std::string::npos) << line;
        EXPECT_EQ(err.find(fail_closed_tail, at + line.size()), std::string::npos) << "reported twice:\n"
                                                                                   << err;
    }

    ts::temp_dir dir;
    fs::path torrent = dir.path() / "share.torrent";
    fs::path config = dir.path() / "PicoTorrent.json";
    fs::path out = dir.path() / "out";
};

TEST_F(proxy_fail_closed, download_with_a_refused_proxy_exits_and_never_reaches_the_peer)
{
    ts::seeder seed(torrent, dir.path() / "seed");
    // Every incoming connection attempt shows up as an alert on the seeder's side.
    lt::settings_pack mask;
    mask.set_int(lt::settings_pack::alert_mask,
                 static_cast<int>(lt::alert_category::connect | lt::alert_category::peer |
                                  lt::alert_category::status));
    seed.session().apply_settings(mask);

    auto args = host_args("download");
    args.insert(args.begin() + 1, torrent.string());
    args.insert(args.end(),
                {"--out-dir", out.string(), "--peer", seed.endpoint(), "--session-timeout", "20"});
    ts::child_process p(PICO_BINARY, args);
    int const code = p.wait(std::chrono::seconds(60));
    EXPECT_NE(code, 0) << p.stderr_text();
    EXPECT_NE(code, -1) << "still running:\n" << p.stderr_text();
    expect_refusal_line(p.stderr_text());
    EXPECT_EQ(p.stderr_text().find("successfully listening"), std::string::npos) << "the session started:\n"
                                                                                 << p.stderr_text();

    // Give a connection that was on its way time to arrive, then look at everything the seeder saw.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    std::vector<lt::alert*> alerts;
    seed.session().pop_alerts(&alerts);
    for (auto const* a : alerts) {
        EXPECT_EQ(lt::alert_cast<lt::incoming_connection_alert>(a), nullptr) << a->message();
        EXPECT_EQ(lt::alert_cast<lt::peer_connect_alert>(a), nullptr) << a->message();
    }
    EXPECT_EQ(seed.uploaded(), 0);
    EXPECT_FALSE(fs::exists(out / "share"));
}

TEST_F(proxy_fail_closed, run_with_a_refused_proxy_exits_before_the_session_starts)
{
    // With another plugin loaded too: the refused proxy's exception must not outlive its library.
    auto args = host_args("run", "file_filters,proxy");
    args.push_back(torrent.string());
    ts::child_process p(PICO_BINARY, args);
    int const code = p.wait(std::chrono::seconds(60));
    EXPECT_NE(code, 0) << p.stderr_text();
    EXPECT_NE(code, -1) << "still running:\n" << p.stderr_text();
    expect_refusal_line(p.stderr_text());
    EXPECT_EQ(p.stderr_text().find("successfully listening"), std::string::npos) << "the session started:\n"
                                                                                 << p.stderr_text();
}

TEST_F(proxy_fail_closed, no_plugins_with_a_proxy_section_stops_before_the_session)
{
    // The config asks for a proxy, so leaving the fail_closed proxy plugin out (here with
    // --no-plugins; a typo in --plugins is the same) must not run the session unproxied.
    ts::child_process p(PICO_BINARY, {"run", "--config", config.string(), "--state-dir",
                                      (dir.path() / "state").string(), "--no-plugins"});
    int const code = p.wait(std::chrono::seconds(60));
    EXPECT_EQ(code, 2) << p.stderr_text();
    EXPECT_NE(p.stderr_text().find("plugin 'proxy' is not selected"), std::string::npos) << p.stderr_text();
    EXPECT_EQ(p.stderr_text().find("successfully listening"), std::string::npos) << "the session started:\n"
                                                                                 << p.stderr_text();
}

} // namespace
