#include "session/torrent_queries.hpp"

#include "session/snapshot.hpp"

#include <algorithm>
#include <filesystem>
#include <libtorrent/announce_entry.hpp>
#include <limits>
#include <sstream>
#include <system_error>

namespace pico::session {

namespace {

// The nearest existing ancestor: the default save path may not exist until the first download.
std::int64_t free_space_at(std::filesystem::path path)
{
    std::error_code ec;
    while (!path.empty() && !std::filesystem::exists(path, ec)) {
        auto parent = path.parent_path();
        if (parent == path)
            break;
        path = std::move(parent);
    }
    if (path.empty())
        return -1;
    auto const info = std::filesystem::space(path, ec);
    return ec ? -1 : static_cast<std::int64_t>(info.available);
}

// listen_interfaces names addresses ("127.0.0.1:0,[::1]:0"); the bound port is listen_port().
std::vector<std::string> listen_endpoints(session_host& session)
{
    std::vector<std::string> out;
    int const port = session.listen_port();
    auto const setting = session.setting("listen_interfaces");
    if (port <= 0 || !setting)
        return out;
    std::stringstream list(std::get<std::string>(*setting));
    for (std::string item; std::getline(list, item, ',');) {
        item.erase(0, item.find_first_not_of(' '));
        auto const colon = item.rfind(':');
        if (item.empty() || colon == std::string::npos)
            continue;
        out.push_back(item.substr(0, colon) + ":" + std::to_string(port));
    }
    return out;
}

std::string endpoint_text(lt::tcp::endpoint const& ep)
{
    auto const address = ep.address();
    // Appends, not `"[" + std::string&&`, which GCC 12 at -O3 reports as a false -Wrestrict.
    std::string text;
    if (address.is_v6()) {
        text += '[';
        text += address.to_string();
        text += ']';
    } else {
        text = address.to_string();
    }
    text += ':';
    text += std::to_string(ep.port());
    return text;
}

int to_lt_limit(std::int64_t value)
{
    return value <= 0 ? 0 : static_cast<int>(value);
}

} // namespace

std::string peer_flags(lt::peer_info const& p)
{
    std::vector<char> letters;
    bool const interesting = bool(p.flags & lt::peer_info::interesting);
    bool const remote_choked = bool(p.flags & lt::peer_info::remote_choked);
    bool const remote_interested = bool(p.flags & lt::peer_info::remote_interested);
    bool const choked = bool(p.flags & lt::peer_info::choked);
    if (interesting)
        letters.push_back(remote_choked ? 'd' : 'D');
    if (remote_interested)
        letters.push_back(choked ? 'u' : 'U');
    if (!remote_choked && !interesting)
        letters.push_back('K');
    if (!choked && !remote_interested)
        letters.push_back('?');
    if (p.flags & lt::peer_info::optimistic_unchoke)
        letters.push_back('O');
    if (p.flags & lt::peer_info::snubbed)
        letters.push_back('S');
    if (!(p.flags & lt::peer_info::local_connection))
        letters.push_back('I');
    if (p.source & lt::peer_info::dht)
        letters.push_back('H');
    if (p.source & lt::peer_info::pex)
        letters.push_back('X');
    if (p.source & lt::peer_info::lsd)
        letters.push_back('L');
    if (p.flags & lt::peer_info::rc4_encrypted)
        letters.push_back('E');
    else if (p.flags & lt::peer_info::plaintext_encrypted)
        letters.push_back('e');
    if (p.flags & lt::peer_info::utp_socket)
        letters.push_back('P');
    std::string out;
    for (char c : letters) {
        if (!out.empty())
            out += ' ';
        out += c;
    }
    return out;
}

std::vector<sdk::peer_entry> peer_entries(lt::torrent_handle const& h)
{
    std::vector<lt::peer_info> peers;
    h.get_peer_info(peers);
    std::vector<sdk::peer_entry> out;
    out.reserve(peers.size());
    for (auto const& p : peers) {
        sdk::peer_entry e;
        e.address = endpoint_text(p.ip);
        e.client = p.client;
        e.download_rate = p.payload_down_speed;
        e.upload_rate = p.payload_up_speed;
        e.progress = static_cast<double>(p.progress);
        e.flags = peer_flags(p);
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<sdk::tracker_entry> tracker_entries(lt::torrent_handle const& h)
{
    std::vector<sdk::tracker_entry> out;
    for (auto const& t : h.trackers()) {
        sdk::tracker_entry e;
        e.url = t.url;
        e.tier = t.tier;
        bool working = false, updating = false, failed = false, contacted = false;
        for (auto const& ep : t.endpoints) {
            for (auto const& ih : ep.info_hashes) {
                updating = updating || ih.updating;
                // start_sent is set once a tracker answered the "started" announce.
                working = working || (ih.fails == 0 && ih.start_sent);
                failed = failed || ih.fails > 0;
                contacted = contacted || ih.fails > 0 || ih.start_sent;
                if (e.message.empty() && ih.last_error)
                    e.message = ih.last_error.message();
                if (e.message.empty() && !ih.message.empty())
                    e.message = ih.message;
            }
        }
        e.status = updating    ? "updating"
                   : working   ? "working"
                   : failed    ? "not working"
                   : contacted ? "working"
                               : "not contacted";
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(), [](auto const& a, auto const& b) { return a.tier < b.tier; });
    return out;
}

sdk::session_statistics session_statistics(session_host& session, std::string const& default_save_path)
{
    sdk::session_statistics s;
    for (auto const& t : session.torrents()) {
        ++s.torrents_total;
        s.download_rate += t.download_rate;
        s.upload_rate += t.upload_rate;
        using sc = sdk::status_code;
        switch (t.status) {
        case sc::error:
            ++s.torrents_error;
            break;
        case sc::checking_resume_data:
        case sc::downloading_checking:
        case sc::uploading_checking:
            ++s.torrents_checking;
            break;
        case sc::downloading_paused:
        case sc::uploading_paused:
            ++s.torrents_paused;
            break;
        case sc::complete:
        case sc::uploading:
        case sc::uploading_forced:
        case sc::uploading_queued:
        case sc::uploading_stalled:
            ++s.torrents_seeding;
            break;
        case sc::unknown:
            break;
        default:
            ++s.torrents_downloading;
            break;
        }
    }
    s.total_downloaded = session.received_payload_total();
    s.total_uploaded = session.sent_payload_total();
    s.listen_endpoints = listen_endpoints(session);
    s.free_space = free_space_at(default_save_path);
    return s;
}

sdk::rate_limits torrent_rate_limits(lt::torrent_handle const& h)
{
    return {std::max(0, h.download_limit()), std::max(0, h.upload_limit())};
}

std::optional<std::string> check_rate_limits(sdk::rate_limits limits)
{
    constexpr std::int64_t max = std::numeric_limits<int>::max();
    if (limits.download < 0 || limits.upload < 0)
        return "rate limits must not be negative (0 means unlimited)";
    if (limits.download > max || limits.upload > max)
        return "rate limits must be at most " + std::to_string(max) + " bytes per second";
    return std::nullopt;
}

sdk::status set_torrent_rate_limits(lt::torrent_handle const& h, sdk::rate_limits limits)
{
    if (auto error = check_rate_limits(limits))
        return sdk::status::failure(*error);
    h.set_download_limit(to_lt_limit(limits.download));
    h.set_upload_limit(to_lt_limit(limits.upload));
    return sdk::status::success();
}

void move_in_queue(lt::torrent_handle const& h, sdk::queue_move move)
{
    switch (move) {
    case sdk::queue_move::up:
        h.queue_position_up();
        break;
    case sdk::queue_move::down:
        h.queue_position_down();
        break;
    case sdk::queue_move::top:
        h.queue_position_top();
        break;
    case sdk::queue_move::bottom:
        h.queue_position_bottom();
        break;
    }
}

std::vector<std::int64_t> file_progress(lt::torrent_handle const& h)
{
    if (!h.is_valid() || !h.torrent_file())
        return {};
    // piece_granularity counts whole verified pieces only: libtorrent then skips walking the
    // partial-piece list, which matters for the GUI and web clients asking every second.
    std::vector<std::int64_t> bytes;
    h.file_progress(bytes, lt::torrent_handle::piece_granularity);
    return bytes;
}

} // namespace pico::session
