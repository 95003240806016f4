#include "dht_node.hpp"

#include "support/loopback.hpp"
#include "support/wait.hpp"

#include <fstream>
#include <libtorrent/add_torrent_params.hpp>
#include <libtorrent/alert_types.hpp>
#include <libtorrent/torrent_flags.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

namespace pico::protocols {

using namespace std::chrono_literals;

lt::settings_pack loopback_dht_settings(std::string const& bootstrap_nodes)
{
    auto s = test_support::loopback_settings();
    s.set_bool(lt::settings_pack::enable_dht, true);
    s.set_str(lt::settings_pack::dht_bootstrap_nodes, bootstrap_nodes);
    s.set_bool(lt::settings_pack::dht_restrict_routing_ips, false);
    s.set_bool(lt::settings_pack::dht_restrict_search_ips, false);
    s.set_bool(lt::settings_pack::dht_prefer_verified_node_ids, false);
    s.set_int(lt::settings_pack::alert_queue_size, 100000);
    s.set_int(lt::settings_pack::alert_mask, s.get_int(lt::settings_pack::alert_mask) |
                                                 static_cast<int>(static_cast<std::uint32_t>(
                                                     lt::alert_category::dht_log | lt::alert_category::dht)));
    return s;
}

dht_node::dht_node(std::string const& bootstrap_nodes)
    : m_session(std::make_unique<lt::session>(lt::session_params(loopback_dht_settings(bootstrap_nodes))))
{
    bool const up = test_support::wait_until(
        [&] {
            poll();
            return m_dht_port != 0;
        },
        30s);
    if (!up)
        throw std::runtime_error("dht_node: no UDP listen socket on 127.0.0.1 after 30 s");
}

dht_node::~dht_node() = default;

std::string dht_node::dht_endpoint() const
{
    return "127.0.0.1:" + std::to_string(m_dht_port);
}

lt::torrent_handle dht_node::seed(std::filesystem::path const& torrent_file,
                                  std::filesystem::path const& save_path)
{
    lt::add_torrent_params atp;
    atp.ti = std::make_shared<lt::torrent_info>(torrent_file.string());
    atp.save_path = save_path.string();
    atp.flags &= ~(lt::torrent_flags::auto_managed | lt::torrent_flags::paused);
    auto handle = m_session->add_torrent(std::move(atp));
    bool const seeding = test_support::wait_until(
        [&] {
            poll();
            return handle.status().is_seeding;
        },
        60s);
    if (!seeding)
        throw std::runtime_error("dht_node: " + torrent_file.string() + " is not seeding after 60 s");
    return handle;
}

void dht_node::poll()
{
    std::vector<lt::alert*> alerts;
    m_session->pop_alerts(&alerts);
    for (lt::alert* a : alerts) {
        if (auto* l = lt::alert_cast<lt::listen_succeeded_alert>(a)) {
            if (l->socket_type == lt::socket_type_t::utp && l->address == lt::make_address("127.0.0.1"))
                m_dht_port = static_cast<std::uint16_t>(l->port);
        } else if (auto* p = lt::alert_cast<lt::dht_pkt_alert>(a)) {
            auto const buf = p->pkt_buf();
            m_packets.push_back({p->node.address().to_string(), p->node.port(),
                                 p->direction == lt::dht_pkt_alert::incoming,
                                 std::string(buf.data(), buf.size())});
        }
    }
}

bool dht_node::received(std::string const& text) const
{
    for (auto const& p : m_packets)
        if (p.incoming && p.message.find(text) != std::string::npos)
            return true;
    return false;
}

namespace {

// The socket inodes process `pid` holds ("socket:[12345]" links under /proc/<pid>/fd).
std::set<std::string> socket_inodes(pid_t pid)
{
    std::set<std::string> out;
    std::error_code ec;
    auto const fd_dir = std::filesystem::path("/proc") / std::to_string(pid) / "fd";
    for (auto const& entry : std::filesystem::directory_iterator(fd_dir, ec)) {
        auto const target = std::filesystem::read_symlink(entry.path(), ec).string();
        if (!ec && target.rfind("socket:[", 0) == 0)
            out.insert(target.substr(8, target.size() - 9));
    }
    return out;
}

// "0100007F:1AE1" (IPv4, little-endian words) or 32 hex digits (IPv6) -> "127.0.0.1:6881".
std::string decode_proc_address(std::string const& hex_address)
{
    auto const colon = hex_address.find(':');
    auto const ip = hex_address.substr(0, colon);
    auto const port = std::to_string(std::stoul(hex_address.substr(colon + 1), nullptr, 16));
    std::ostringstream out;
    if (ip.size() == 8) {
        auto const v = static_cast<std::uint32_t>(std::stoul(ip, nullptr, 16));
        out << (v & 0xff) << '.' << ((v >> 8) & 0xff) << '.' << ((v >> 16) & 0xff) << '.' << (v >> 24) << ':'
            << port;
    } else {
        // Four little-endian 32-bit words; printed as raw hex groups: only "all zero" and "::1"
        // matter to the tests, and both stay recognisable.
        out << '[' << ip << "]:" << port;
    }
    return out.str();
}

} // namespace

std::vector<std::string> udp_sockets_of(pid_t pid)
{
    auto const inodes = socket_inodes(pid);
    std::vector<std::string> out;
    for (char const* table : {"udp", "udp6"}) {
        std::ifstream in(std::filesystem::path("/proc") / std::to_string(pid) / "net" / table);
        std::string line;
        std::getline(in, line); // header
        while (std::getline(in, line)) {
            std::istringstream fields(line);
            std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
            fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >>
                inode;
            if (inodes.count(inode) != 0)
                out.push_back(decode_proc_address(local));
        }
    }
    return out;
}

} // namespace pico::protocols
