// `picotorrent download` through Debian's danted on loopback, with a real tracker (opentracker)
// and a real seeder: announces and peer connections go through the proxy; with force proxy the
// client's sockets never point anywhere else; bad credentials are one clear error.
#include "fixtures/dante_server.hpp"
#include "fixtures/process_sockets.hpp"
#include "fixtures/tracker_server.hpp"
#include "support/test_support.hpp"

#include <algorithm>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;
namespace ts = pico::test_support;
namespace pt = pico::proxy_test;

namespace {

template <class Hash> std::string hex(Hash const& h)
{
    std::ostringstream s;
    s << h;
    return s.str();
}

// Everything one download needs: payload, torrent announcing to a loopback tracker, a seeder
// the tracker knows about, and a SOCKS5 proxy.
class proxy_download : public ::testing::Test {
  protected:
    void SetUp() override
    {
        if (!pt::dante_server::available() || !pt::tracker_server::available())
            GTEST_SKIP() << "needs danted (dante-server) and opentracker; see scripts/install-deps";
        auto const source = dir.path() / "seed" / "share";
        ts::make_payload(source, {{"big.bin", 1024 * 1024}, {"small/notes.txt", 70 * 1000}}, 11);
        // The announce URL is outside the info dictionary: make the torrent once for its hashes,
        // start the tracker with them, then again with the tracker's URL.
        ts::torrent_options options;
        options.piece_size = 16 * 1024;
        auto const hashes = ts::make_torrent(source, torrent, options);
        v1 = hex(hashes.v1);
        // Hybrid torrents also announce the v2 hash, truncated to 20 bytes.
        fs::create_directories(dir.path() / "tracker");
        tracker = std::make_unique<pt::tracker_server>(
            dir.path() / "tracker", std::vector<std::string>{v1, hex(hashes.v2).substr(0, 40)});
        options.trackers = {tracker->announce_url()};
        ts::make_torrent(source, torrent, options);
    }

    void start_seeder(int rate_limit)
    {
        ts::seeder_options o;
        o.upload_rate_limit = rate_limit;
        seed = std::make_unique<ts::seeder>(torrent, dir.path() / "seed", o);
        // The client finds the seeder through the tracker only: no --peer.
        ASSERT_TRUE(ts::wait_until([&] { return tracker->seeds(v1) >= 1; }, std::chrono::seconds(60)))
            << "the seeder never announced";
    }

    void write_config(nlohmann::json proxy)
    {
        ts::write_loopback_host_config(config, {{"proxy", std::move(proxy)}});
    }

    std::unique_ptr<ts::child_process> start_download(int session_timeout)
    {
        return std::make_unique<ts::child_process>(
            PICO_BINARY, std::vector<std::string>{
                             "download", torrent.string(), "--out-dir", out.string(), "--config",
                             config.string(), "--state-dir", (dir.path() / "state").string(), "--plugins",
                             "proxy", "--verbose", "--session-timeout", std::to_string(session_timeout)});
    }

    // Samples the client's TCP sockets until it exits or `enough` says so (bounded); one entry
    // per sample, in order.
    static std::vector<std::vector<pt::tcp_socket>> sample_until_exit(
        ts::child_process& p, std::chrono::seconds limit,
        std::function<bool()> const& enough = [] { return false; })
    {
        std::vector<std::vector<pt::tcp_socket>> samples;
        auto const deadline = std::chrono::steady_clock::now() + limit;
        while (p.running() && !enough() && std::chrono::steady_clock::now() < deadline) {
            samples.push_back(pt::own_tcp_sockets_of(p.pid()));
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return samples;
    }

    void expect_downloaded()
    {
        std::string why;
        EXPECT_TRUE(ts::files_equal(dir.path() / "seed" / "share", out / "share", &why)) << why;
    }

    ts::temp_dir dir;
    fs::path torrent = dir.path() / "share.torrent";
    fs::path config = dir.path() / "PicoTorrent.json";
    fs::path out = dir.path() / "out";
    std::string v1;
    std::unique_ptr<pt::tracker_server> tracker;
    std::unique_ptr<ts::seeder> seed;
};

std::string describe(std::vector<std::vector<pt::tcp_socket>> const& samples)
{
    std::set<std::string> lines;
    for (auto const& sample : samples) {
        for (auto const& s : sample)
            lines.insert((s.listening ? "LISTEN " : "") + s.local + " -> " + s.remote);
    }
    std::string out;
    for (auto const& l : lines)
        out += "  " + l + "\n";
    return out;
}

// Every connected socket in every sample goes to `proxy_address`.
void expect_only_proxy_connections(std::vector<std::vector<pt::tcp_socket>> const& samples,
                                   std::string const& proxy_address)
{
    for (auto const& sample : samples) {
        for (auto const& s : sample) {
            if (!s.listening) {
                EXPECT_EQ(s.remote, proxy_address) << "sockets seen:\n" << describe(samples);
            }
        }
    }
}

TEST_F(proxy_download, announce_and_peer_connections_go_through_socks5)
{
    pt::dante_server proxy(dir.path(), pt::socks_auth::none);
    start_seeder(0);
    write_config({{"type", "socks5"}, {"hostname", "127.0.0.1"}, {"port", proxy.port()}});
    auto p = start_download(60);
    int const code = p->wait(std::chrono::seconds(240));
    ASSERT_EQ(code, 0) << p->stderr_text();
    expect_downloaded();
    EXPECT_NE(p->stderr_text().find("using socks5 proxy 127.0.0.1:" + std::to_string(proxy.port())),
              std::string::npos)
        << p->stderr_text();
    EXPECT_TRUE(proxy.relayed_to(tracker->port())) << "no announce through the proxy:\n" << proxy.log_text();
    EXPECT_TRUE(proxy.relayed_to(seed->port())) << "no peer connection through the proxy:\n"
                                                << proxy.log_text();
}

TEST_F(proxy_download, force_proxy_leaves_no_connection_but_to_the_proxy)
{
    pt::dante_server proxy(dir.path(), pt::socks_auth::none);
    // Slow enough that the download lasts a few seconds of sampling.
    start_seeder(300 * 1024);
    write_config({{"type", "socks5"}, {"hostname", "127.0.0.1"}, {"port", proxy.port()}, {"force", true}});
    auto p = start_download(60);
    auto const seen = sample_until_exit(*p, std::chrono::seconds(240));
    ASSERT_EQ(p->wait(std::chrono::seconds(30)), 0) << p->stderr_text();
    expect_downloaded();

    std::string const proxy_address = "127.0.0.1:" + std::to_string(proxy.port());
    expect_only_proxy_connections(seen, proxy_address);
    // No listening socket at any time: plugins start before the session, so the session is
    // created with force mode's empty listen_interfaces already in place.
    ASSERT_TRUE(std::any_of(seen.begin(), seen.end(), [&](auto const& sample) {
        return std::any_of(sample.begin(), sample.end(),
                           [&](auto const& s) { return s.remote == proxy_address; });
    })) << "no connection to the proxy was ever sampled";
    for (auto const& sample : seen) {
        for (auto const& s : sample)
            EXPECT_FALSE(s.listening) << "listening socket " << s.local << "\nsockets seen:\n"
                                      << describe(seen);
    }
    EXPECT_TRUE(proxy.relayed_to(tracker->port())) << proxy.log_text();
    EXPECT_TRUE(proxy.relayed_to(seed->port())) << proxy.log_text();
    EXPECT_NE(p->stderr_text().find("force proxy on"), std::string::npos) << p->stderr_text();
}

TEST_F(proxy_download, bad_credentials_are_one_clear_error_and_no_direct_connection)
{
    pt::dante_server proxy(dir.path(), pt::socks_auth::username);
    start_seeder(0);
    write_config({{"type", "socks5"},
                  {"hostname", "127.0.0.1"},
                  {"port", proxy.port()},
                  {"username", "pico-test-nobody"},
                  {"password", "not-the-password"},
                  {"force", true}});
    auto p = start_download(60);
    std::string const line = "socks5 proxy 127.0.0.1:" + std::to_string(proxy.port()) +
                             " (user 'pico-test-nobody') refused our credentials";
    // Keep sampling a little after the error, while the client goes on retrying.
    std::optional<std::chrono::steady_clock::time_point> reported;
    auto const seen = sample_until_exit(*p, std::chrono::seconds(120), [&] {
        if (!reported && p->stderr_text().find(line) != std::string::npos)
            reported = std::chrono::steady_clock::now();
        return reported && std::chrono::steady_clock::now() - *reported > std::chrono::seconds(2);
    });
    p->kill(SIGINT);
    EXPECT_NE(p->wait(std::chrono::seconds(60)), 0);

    auto const err = p->stderr_text();
    auto const at = err.find(line);
    EXPECT_NE(at, std::string::npos) << err;
    EXPECT_EQ(err.find(line, at + 1), std::string::npos) << "reported more than once:\n" << err;
    EXPECT_EQ(err.find("not-the-password"), std::string::npos) << "the password was logged";
    expect_only_proxy_connections(seen, "127.0.0.1:" + std::to_string(proxy.port()));
    EXPECT_EQ(seed->uploaded(), 0);
    EXPECT_FALSE(proxy.relayed_to(seed->port()));
    EXPECT_FALSE(fs::exists(out / "share" / "big.bin") &&
                 ts::files_equal(dir.path() / "seed" / "share", out / "share"));
}

} // namespace
