#include "app/torrent_argument.hpp"

#include "cli/echo.hpp"
#include "cli/metainfo_reader.hpp"
#include "util/info_hash.hpp"
#include "util/peer_endpoint.hpp"

#include <filesystem>
#include <libtorrent/load_torrent.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>
#include <stdexcept>

namespace pico::app {
namespace {

// The same one line `inspect` gives (what is wrong and at which byte), so a user who sees it
// from download or seed can look at the file with inspect and find the same words.
std::string describe_bad_torrent(std::string const& path, std::exception const& load_error)
{
    try {
        cli::read_metainfo_file(path);
    } catch (cli::metainfo_error const& e) {
        return e.what();
    } catch (std::exception const&) {
    }
    auto const* system = dynamic_cast<lt::system_error const*>(&load_error);
    return std::string("not a valid torrent: ") + (system ? system->code().message() : load_error.what());
}

} // namespace

torrent_argument read_torrent_argument(std::string const& text)
{
    torrent_argument out;
    if (text.rfind("magnet:", 0) == 0) {
        lt::error_code ec;
        out.params = lt::parse_magnet_uri(text, ec);
        if (ec)
            throw std::invalid_argument("invalid magnet link: " + ec.message());
        // libtorrent accepts "urn:btih:" followed by 40 non-hex characters without an error,
        // and without a hash: the session would fail only later, after the host started.
        if (!out.params.info_hashes.has_v1() && !out.params.info_hashes.has_v2())
            throw std::invalid_argument(
                "invalid magnet link: no valid info hash (xt=urn:btih: needs 40 hex or 32 "
                "base32 characters, xt=urn:btmh: a SHA-256 multihash)");
        out.magnet = true;
    } else {
        std::error_code fec;
        if (!std::filesystem::is_regular_file(text, fec))
            throw std::invalid_argument(cli::echo(text, 300) + ": no such file");
        try {
            out.params = lt::load_torrent_file(text);
        } catch (std::exception const& e) {
            throw std::invalid_argument(cli::echo(text, 300) + ": " + describe_bad_torrent(text, e));
        }
    }
    out.info_hash =
        util::info_hash_string(out.params.ti ? out.params.ti->info_hashes() : out.params.info_hashes);
    return out;
}

std::string check_peer_argument(std::string const& text)
{
    auto const endpoint = util::parse_peer_endpoint(text);
    if (!endpoint)
        throw std::invalid_argument(util::peer_endpoint_error(text));
    // libtorrent resolves no names here: localhost is passed on as the address it stands for.
    if (text.rfind("localhost:", 0) == 0)
        return "127.0.0.1:" + std::to_string(endpoint->port());
    return text;
}

} // namespace pico::app
