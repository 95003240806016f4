#include "app/handshake_logger.hpp"

#include "util/hex.hpp"

#include <cstdio>
#include <libtorrent/alert_types.hpp>
#include <sstream>
#include <string_view>
#include <vector>

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
    case lt::socket_type_t::utp_ssl:
        return "uTP";
    default:
        return "TCP";
    }
}

int alert_mask_value(lt::alert_category_t c)
{
    return static_cast<int>(static_cast<std::uint32_t>(c));
}

std::string printable(lt::peer_id const& pid)
{
    std::string out;
    for (char ch : pid)
        out += (ch >= 0x20 && ch < 0x7f) ? ch : '.';
    return out;
}

// The text between `key` and `end` (or the end of the message) in a libtorrent log message.
std::string field_between(std::string_view message, std::string_view key, std::string_view end)
{
    auto at = message.find(key);
    if (at == std::string_view::npos)
        return {};
    at += key.size();
    auto const stop = message.find(end, at);
    return std::string(
        message.substr(at, stop == std::string_view::npos ? std::string_view::npos : stop - at));
}

} // namespace

int handshake_logger::alert_mask()
{
    return alert_mask_value(lt::alert_category::connect | lt::alert_category::peer |
                            lt::alert_category::peer_log);
}

void handshake_logger::on_alert(lt::alert const* a)
{
    if (auto const* c = lt::alert_cast<lt::peer_connect_alert>(a)) {
        auto const ep = endpoint_text(c->endpoint);
        m_transport[ep] = transport(c->socket_type);
        std::fprintf(stderr, "handshake: connecting to %s over %s\n", ep.c_str(), transport(c->socket_type));
    } else if (auto const* in = lt::alert_cast<lt::incoming_connection_alert>(a)) {
        auto const ep = endpoint_text(in->endpoint);
        m_transport[ep] = transport(in->socket_type);
        std::fprintf(stderr, "handshake: incoming connection from %s over %s\n", ep.c_str(),
                     transport(in->socket_type));
    } else if (auto const* log = lt::alert_cast<lt::peer_log_alert>(a)) {
        std::string_view const ev = log->event_type;
        std::string_view const message = log->log_message();
        auto const ep = endpoint_text(log->endpoint);
        bool const incoming = log->direction == lt::peer_log_alert::incoming_message;
        if (ev == "HANDSHAKE" || ev == "EXTENSIONS")
            std::fprintf(stderr, "handshake: %s %s %s %s\n", ep.c_str(), incoming ? "<==" : "==>",
                         log->event_type, log->log_message());
        if (ev == "HANDSHAKE" && message.find("received peer_id") != std::string_view::npos)
            m_client[ep] = field_between(message, "client: ", " ascii:");
        if (ev == "EXTENSIONS")
            m_reserved[ep] = std::string(message);
        // The peer's extension handshake names its client ("v"): the moment for the summary line.
        if (ev == "EXTENDED_HANDSHAKE" && incoming && log->handle.is_valid() && !m_reported.count(ep)) {
            std::vector<lt::peer_info> peers;
            log->handle.get_peer_info(peers);
            for (auto const& p : peers) {
                if (endpoint_text(p.ip) == ep)
                    report(p);
            }
        }
    } else if (auto const* d = lt::alert_cast<lt::peer_disconnected_alert>(a)) {
        auto const ep = endpoint_text(d->endpoint);
        // A peer that left before its summary line still gets one, from what the alerts said.
        if (!m_reported.count(ep) && m_client.count(ep))
            report_from_alerts(ep, d->pid);
        std::fprintf(stderr, "handshake: %s disconnected: %s\n", ep.c_str(), d->error.message().c_str());
    }
}

void handshake_logger::report(lt::peer_info const& p)
{
    auto const key = endpoint_text(p.ip);
    if (p.pid.is_all_zeros() || !m_reported.insert(key).second)
        return;
    std::string const pid(p.pid.data(), p.pid.size());
    std::fprintf(stderr, "handshake: %s peer id %s (\"%s\") client \"%s\" transport %s extensions%s%s%s%s\n",
                 key.c_str(), util::to_hex(pid).c_str(), printable(p.pid).c_str(), p.client.c_str(),
                 (p.flags & lt::peer_info::utp_socket) ? "uTP" : "TCP",
                 (p.flags & lt::peer_info::supports_extensions) ? " ltep" : "",
                 (p.flags & lt::peer_info::rc4_encrypted) ? " rc4" : "",
                 (p.flags & lt::peer_info::plaintext_encrypted) ? " pe-plaintext" : "",
                 m_reserved.count(key) ? (" (" + m_reserved[key] + ")").c_str() : "");
}

void handshake_logger::report_from_alerts(std::string const& endpoint, lt::peer_id const& pid)
{
    if (pid.is_all_zeros() || !m_reported.insert(endpoint).second)
        return;
    std::string const raw(pid.data(), pid.size());
    auto const t = m_transport.find(endpoint);
    auto const r = m_reserved.find(endpoint);
    std::fprintf(stderr, "handshake: %s peer id %s (\"%s\") client \"%s\" transport %s extensions%s\n",
                 endpoint.c_str(), util::to_hex(raw).c_str(), printable(pid).c_str(),
                 m_client[endpoint].c_str(), t == m_transport.end() ? "TCP" : t->second.c_str(),
                 r == m_reserved.end() ? "" : (" (" + r->second + ")").c_str());
}

void handshake_logger::report_peers(lt::torrent_handle const& h)
{
    std::vector<lt::peer_info> peers;
    h.get_peer_info(peers);
    for (auto const& p : peers)
        report(p);
}

} // namespace pico::app
