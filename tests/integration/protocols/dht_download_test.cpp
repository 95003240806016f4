// DHT on loopback (issue 9): `picotorrent download` finds its only seed through the DHT alone,
// from a torrent's `nodes` key and from a bare magnet, and no DHT packet leaves 127.0.0.1.
//
// Three parties, all on 127.0.0.1: a DHT node with no torrent (the "router"), a seed whose DHT
// announces to the router, and our binary, which is given no peer, no tracker and no LSD, so the
// router's get_peers reply is the only way it can learn the seed's address.
#include "dht_node.hpp"
#include "interop_fixture.hpp"
#include "support/test_support.hpp"

#include <gtest/gtest.h>
#include <sstream>

namespace fs = std::filesystem;
namespace ts = pico::test_support;
using namespace std::chrono_literals;
using pico::protocols::dht_node;

namespace {

class dht_download : public ::testing::Test {
  protected:
    void SetUp() override
    {
        ts::make_payload(dir.path() / "seed" / "payload", {{"a.bin", 1536 * 1024}, {"b.bin", 512 * 1024}}, 9);
        seeder.emplace(router.dht_endpoint());
    }

    // Makes the torrent (its `nodes` key naming `nodes`), seeds it and waits until the router
    // has taken the seed's announce_peer: from then on a get_peers to the router names the seed.
    void seed_and_announce(std::vector<std::pair<std::string, int>> const& nodes)
    {
        ts::torrent_options options;
        options.piece_size = 64 * 1024;
        options.dht_nodes = nodes;
        hashes = ts::make_torrent(dir.path() / "seed" / "payload", torrent, options);
        auto handle = seeder->seed(torrent, dir.path() / "seed");
        // The seed's first announce may run before its DHT has met the router; ask again
        // (bounded) until the router has the announce.
        bool const announced = ts::wait_until(
            [&] {
                handle.force_dht_announce();
                return ts::wait_until(
                    [&] {
                        poll();
                        return router.received("announce_peer");
                    },
                    2s);
            },
            60s, 0ms);
        ASSERT_TRUE(announced) << "the router never got the seed's announce_peer";
        seed_handle = handle;
    }

    void poll()
    {
        router.poll();
        seeder->poll();
    }

    // Runs our binary with the DHT on and only `bootstrap` as router, and no peer to dial. While it
    // runs, samples its UDP sockets; returns its exit code.
    int download(std::string const& what, std::string const& bootstrap)
    {
        auto const config = ts::write_loopback_host_config(
            dir.path() / "PicoTorrent.json",
            {{"session", {{"enable_dht", true}, {"dht_bootstrap_nodes", bootstrap}}}});
        std::vector<std::string> args{"download", what, "--out-dir", out.string(), "--session-timeout", "60"};
        for (auto const& a : pico::interop::host_args(config, dir.path() / "state"))
            args.push_back(a);
        ts::child_process p(pico::interop::picotorrent(), args);
        ts::wait_until(
            [&] {
                poll();
                for (auto const& s : pico::protocols::udp_sockets_of(p.pid()))
                    sockets.insert(s);
                return !p.running();
            },
            120s, 50ms);
        int const code = p.wait(10s);
        output = p.stdout_text() + p.stderr_text();
        poll();
        return code;
    }

    // Every DHT packet the router and the seed sent or received had a 127.0.0.1 node, every UDP
    // socket our binary held was bound to 127.0.0.1, and the binary's get_peers reached the router.
    void expect_dht_stayed_on_loopback()
    {
        std::size_t total = 0;
        for (dht_node const* node : {&router, &*seeder}) {
            for (auto const& pkt : node->packets()) {
                EXPECT_EQ(pkt.address, "127.0.0.1")
                    << (pkt.incoming ? "from " : "to ") << pkt.address << ':' << pkt.port;
                ++total;
            }
        }
        EXPECT_GT(total, 0u) << "no dht_pkt_alert at all: the packet check would prove nothing";
        EXPECT_TRUE(router.received("get_peers")) << "our binary never asked the router";
        EXPECT_FALSE(sockets.empty()) << "no UDP socket of the binary was sampled";
        for (auto const& s : sockets)
            EXPECT_EQ(s.rfind("127.0.0.1:", 0), 0u) << "our binary held a UDP socket on " << s;
    }

    void expect_downloaded()
    {
        std::string why;
        EXPECT_TRUE(ts::files_equal(dir.path() / "seed" / "payload", out / "payload", &why)) << why;
        EXPECT_GT(seed_handle.status().total_payload_upload, 0) << "the data did not come from the seed";
    }

    ts::temp_dir dir;
    fs::path torrent = dir.path() / "payload.torrent";
    fs::path out = dir.path() / "out";
    dht_node router;
    std::optional<dht_node> seeder;
    lt::torrent_handle seed_handle;
    lt::info_hash_t hashes;
    std::set<std::string> sockets;
    std::string output;
};

TEST_F(dht_download, torrent_nodes_key_alone_finds_the_seed)
{
    // No router for the binary: the torrent's `nodes` key is the only DHT node it knows.
    seed_and_announce({{"127.0.0.1", router.dht_port()}});
    ASSERT_EQ(download(torrent.string(), ""), 0) << output;
    expect_downloaded();
    expect_dht_stayed_on_loopback();
}

TEST_F(dht_download, magnet_without_peers_finds_the_seed)
{
    // No `nodes` key and no x.pe: the router from session.dht_bootstrap_nodes is all it has.
    seed_and_announce({});
    std::ostringstream v1;
    v1 << hashes.v1;
    ASSERT_EQ(download("magnet:?xt=urn:btih:" + v1.str() + "&dn=payload", router.dht_endpoint()), 0)
        << output;
    expect_downloaded();
    expect_dht_stayed_on_loopback();
}

} // namespace
