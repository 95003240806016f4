// The add pipeline: an SDK add request is read into libtorrent's add parameters (prepare),
// described back to the request (describe), run through the plugins' add hooks, and added, with
// the host's file bookkeeping done before libtorrent can write anything (add_params). Plugins,
// `run`, `download` and `seed` all add through here.
#include "session/session_host.hpp"
#include "util/info_hash.hpp"
#include "util/peer_endpoint.hpp"

#include <algorithm>
#include <libtorrent/load_torrent.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>

namespace pico::session {
namespace {

std::vector<sdk::file_entry> entries_from(lt::torrent_info const& ti)
{
    std::vector<sdk::file_entry> out;
    auto const& fs = ti.files();
    for (auto const i : fs.file_range()) {
        if (fs.pad_file_at(i))
            continue;
        sdk::file_entry e;
        e.index = static_cast<std::int32_t>(i);
        e.path = fs.file_path(i);
        std::replace(e.path.begin(), e.path.end(), '\\', '/');
        e.size = fs.file_size(i);
        out.push_back(std::move(e));
    }
    return out;
}

} // namespace

sdk::add_torrent_result session_host::add(sdk::add_torrent_request request)
{
    std::string error;
    auto atp = prepare(request, error);
    if (!error.empty()) {
        sdk::add_torrent_result result;
        result.error = error;
        return result;
    }
    return add_params(std::move(atp), std::move(request));
}

sdk::add_torrent_result session_host::add_params(lt::add_torrent_params atp, sdk::add_torrent_request request)
{
    sdk::add_torrent_result result;
    // Plugins start before the session does (so their settings are in it from the start).
    if (!m_session) {
        result.error = "the session is not running yet; add torrents from host_started on";
        return result;
    }
    describe(atp, request);
    result.info_hash = request.info_hash;

    if (m_torrents.count(request.info_hash)) {
        result.ok = true;
        result.duplicate = true;
        return result;
    }
    if (m_hooks) {
        if (auto reason = m_hooks(request)) {
            result.error = "rejected by " + *reason;
            return result;
        }
    }

    // Hooks may have changed these.
    if (!request.save_path.empty())
        atp.save_path = request.save_path;
    else if (atp.save_path.empty())
        atp.save_path = m_options.default_save_path;
    if (request.paused) {
        atp.flags |= lt::torrent_flags::paused;
        atp.flags &= ~lt::torrent_flags::auto_managed;
    }
    if (!request.file_priorities.empty()) {
        atp.file_priorities.clear();
        for (auto p : request.file_priorities)
            atp.file_priorities.push_back(lt::download_priority_t(std::min<std::uint8_t>(p, 7)));
    }
    // Added to the peers libtorrent parsed from a magnet's x.pe, not in place of them.
    for (auto const& text : request.peers) {
        auto ep = util::parse_peer_endpoint(text);
        if (!ep) {
            result.error = util::peer_endpoint_error(text);
            return result;
        }
        atp.peers.push_back(*ep);
    }

    // Before libtorrent can create or write anything: which files were there already.
    if (atp.ti)
        m_foreign.record(request.info_hash, *atp.ti, atp.save_path);
    // A magnet without a file selection of its own downloads nothing until its metadata has
    // been through the hooks' and plugins' file filters (metadata_received below); otherwise a
    // fast peer can deliver excluded files before the filters are applied.
    bool const hold_files = !atp.ti && atp.file_priorities.empty();
    if (hold_files)
        atp.flags |= lt::torrent_flags::default_dont_download;
    lt::error_code ec;
    auto h = m_session->add_torrent(std::move(atp), ec);
    if (ec) {
        m_foreign.forget(request.info_hash);
        result.error = ec.message();
        return result;
    }
    m_torrents[request.info_hash] = h;
    m_names[request.info_hash] = request.name;
    if (hold_files)
        m_files_held.insert(request.info_hash);
    result.ok = true;
    return result;
}

lt::add_torrent_params session_host::prepare(sdk::add_torrent_request& request, std::string& error)
{
    lt::add_torrent_params atp;
    try {
        switch (request.source) {
        case sdk::torrent_source::file:
            atp = lt::load_torrent_file(request.location);
            break;
        case sdk::torrent_source::bytes:
            atp = lt::load_torrent_buffer(
                lt::span<char const>(request.data.data(), static_cast<std::ptrdiff_t>(request.data.size())));
            break;
        case sdk::torrent_source::magnet: {
            lt::error_code ec;
            atp = lt::parse_magnet_uri(request.location, ec);
            if (ec) {
                error = "invalid magnet link: " + ec.message();
                return atp;
            }
            break;
        }
        }
    } catch (lt::system_error const& e) {
        error = (request.source == sdk::torrent_source::file ? request.location + ": " : std::string()) +
                e.code().message();
        return atp;
    } catch (std::exception const& e) {
        error = e.what();
        return atp;
    }
    return atp;
}

void session_host::describe(lt::add_torrent_params const& atp, sdk::add_torrent_request& request) const
{
    request.info_hash = util::info_hash_string(atp.ti ? atp.ti->info_hashes() : atp.info_hashes);
    if (atp.ti) {
        request.name = atp.ti->name();
        request.files = entries_from(*atp.ti);
        for (auto& f : request.files) {
            auto const i = static_cast<std::size_t>(f.index);
            if (i < request.file_priorities.size())
                f.priority = request.file_priorities[i];
        }
    } else {
        request.name = atp.name;
    }
}

} // namespace pico::session
