// Loopback DHT nodes for the protocol tests: real libtorrent sessions with the DHT on, no router
// from the internet, and every DHT packet they send or receive recorded.
#pragma once

#include <cstdint>
#include <filesystem>
#include <libtorrent/session.hpp>
#include <libtorrent/settings_pack.hpp>
#include <libtorrent/torrent_handle.hpp>
#include <memory>
#include <string>
#include <sys/types.h>
#include <vector>

namespace pico::protocols {

/// loopback_settings() with the DHT on: it starts from `bootstrap_nodes` only ("" = no router),
/// accepts several nodes on one IP (every node here is 127.0.0.1, which libtorrent's anti-Sybil
/// defaults would refuse) and reports every DHT packet (alert_category::dht_log).
lt::settings_pack loopback_dht_settings(std::string const& bootstrap_nodes);

/// One DHT packet as a dht_pkt_alert reported it.
struct dht_packet {
    std::string address; ///< the other node's IP
    int port = 0;        ///< the other node's UDP port
    bool incoming = false;
    std::string message; ///< the bencoded message, for finding e.g. "announce_peer"
};

/// A session on 127.0.0.1 whose DHT node listens on the session's UDP port. Alerts are popped by
/// poll(), on the caller's thread.
class dht_node {
  public:
    /// Starts the session and waits (bounded) for its UDP listen socket; throws when it does not come.
    explicit dht_node(std::string const& bootstrap_nodes = "");
    ~dht_node();
    dht_node(dht_node const&) = delete;
    dht_node& operator=(dht_node const&) = delete;

    /// The DHT's UDP port on 127.0.0.1.
    std::uint16_t dht_port() const { return m_dht_port; }
    /// "127.0.0.1:<dht port>", as dht_bootstrap_nodes takes it.
    std::string dht_endpoint() const;
    /// The session.
    lt::session& session() { return *m_session; }

    /// Seeds `torrent_file` from `save_path`; returns once it is seeding (throws after 60 s).
    lt::torrent_handle seed(std::filesystem::path const& torrent_file,
                            std::filesystem::path const& save_path);

    /// Pops pending alerts and records their DHT packets.
    void poll();
    /// Every DHT packet recorded so far.
    std::vector<dht_packet> const& packets() const { return m_packets; }
    /// True when an incoming recorded packet contains `text` (e.g. "announce_peer").
    bool received(std::string const& text) const;

  private:
    std::unique_ptr<lt::session> m_session;
    std::uint16_t m_dht_port = 0;
    std::vector<dht_packet> m_packets;
};

/// The local addresses ("127.0.0.1:6881", "[::]:0") of every UDP socket process `pid` holds, from
/// /proc/<pid>/fd and /proc/<pid>/net/udp{,6}. Empty when the process is gone.
std::vector<std::string> udp_sockets_of(pid_t pid);

} // namespace pico::protocols
