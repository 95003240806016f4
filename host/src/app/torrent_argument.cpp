#include "app/torrent_argument.hpp"

#include "session/info_hash.hpp"

#include <libtorrent/load_torrent.hpp>
#include <libtorrent/magnet_uri.hpp>
#include <libtorrent/torrent_info.hpp>

#include <filesystem>
#include <stdexcept>

namespace pico::app {

torrent_argument read_torrent_argument(std::string const& text)
{
    torrent_argument out;
    if (text.rfind("magnet:", 0) == 0) {
        lt::error_code ec;
        out.params = lt::parse_magnet_uri(text, ec);
        if (ec)
            throw std::invalid_argument("invalid magnet link: " + ec.message());
        out.magnet = true;
    } else {
        std::error_code fec;
        if (!std::filesystem::is_regular_file(text, fec))
            throw std::invalid_argument(text + ": no such file");
        try {
            out.params = lt::load_torrent_file(text);
        } catch (lt::system_error const& e) {
            throw std::invalid_argument(text + ": not a valid torrent: " + e.code().message());
        } catch (std::exception const& e) {
            throw std::invalid_argument(text + ": not a valid torrent: " + e.what());
        }
    }
    out.info_hash = session::info_hash_string(out.params.ti ? out.params.ti->info_hashes() : out.params.info_hashes);
    return out;
}

} // namespace pico::app
