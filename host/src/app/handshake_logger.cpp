#include "app/handshake_logger.hpp"

#include <libtorrent/alert_types.hpp>
#include <libtorrent/hex.hpp>
#include <libtorrent/peer_info.hpp>

#include <cstdio>
#include <sstream>
#include <string_view>

namespace pico::app {
namespace {

std::string endpoint_text(lt::tcp::endpoint const& ep)
{
    std::ostringstream s;
    s << ep;
    return s.str();
}

char const* transport(lt::socket_type_t t)
{
    switch (t) {
    case lt::socket_type_t::utp:
    case lt::socket_type_t::utp_ssl: return "uTP";
    default: return "TCP";
    }
}

int alert_mask_value(lt::alert_category_t c) { return static_cast<int>(static_cast<std::uint32_t>(c)); }

} // namespace



int handshake_logger::alert_mask()
{
    return alert_mask_value(lt::alert_category::connect | lt::alert_category::peer | lt::alert_category::peer_log);
}

void handshake_logger::on_alert(lt::alert const* a)
{
    if (auto const* c = lt::alert_cast<lt::peer_connect_alert>(a)) {
        std::fprintf(stderr, "handshake: connecting to %s over %s\n", endpoint_text(c->endpoint).c_str(),
                     transport(c->socket_type));
    } else if (auto const* in = lt::alert_cast<lt::incoming_connection_alert>(a)) {
        std::fprintf(stderr, "handshake: incoming connection from %s over %s\n", endpoint_text(in->endpoint).c_str(),
                     transport(in->socket_type));
    } else if (auto const* log = lt::alert_cast<lt::peer_log_alert>(a)) {
        std::string_view const ev = log->event_type;
        if (ev.find("HANDSHAKE") != std::string_view::npos)
            std::fprintf(stderr, "handshake: %s %s %s %s\n", endpoint_text(log->endpoint).c_str(),
                         log->direction == lt::peer_log_alert::incoming_message ? "<==" : "==>", log->event_type,
                         log->log_message());
    } else if (auto const* d = lt::alert_cast<lt::peer_disconnected_alert>(a)) {
        std::fprintf(stderr, "handshake: %s disconnected: %s\n", endpoint_text(d->endpoint).c_str(),
                     d->error.message().c_str());
    }
}

void handshake_logger::report_peers(lt::torrent_handle const& h)
{
    std::vector<lt::peer_info> peers;
    h.get_peer_info(peers);
    for (auto const& p : peers) {
        auto const key = endpoint_text(p.ip);
        if (p.pid.is_all_zeros() || !m_reported.insert(key).second)
            continue;
        std::string const pid(p.pid.data(), p.pid.size());
        std::string printable;
        for (char ch : pid)
            printable += (ch >= 0x20 && ch < 0x7f) ? ch : '.';
        std::fprintf(stderr, "handshake: %s peer id %s (\"%s\") client \"%s\" transport %s extensions%s%s%s\n",
                     key.c_str(), lt::aux::to_hex(pid).c_str(), printable.c_str(), p.client.c_str(),
                     (p.flags & lt::peer_info::utp_socket) ? "uTP" : "TCP",
                     (p.flags & lt::peer_info::supports_extensions) ? " ltep" : "",
                     (p.flags & lt::peer_info::rc4_encrypted) ? " rc4" : "",
                     (p.flags & lt::peer_info::plaintext_encrypted) ? " pe-plaintext" : "");
    }
}

} // namespace pico::app
