// Reads the torrent a one-shot command was given, before any session exists, so bad
// input is reported as one line and exit code 2.
#pragma once

#include <libtorrent/add_torrent_params.hpp>
#include <string>

namespace pico::app {

/// A parsed command-line torrent.
struct torrent_argument {
    /// What libtorrent made of it.
    lt::add_torrent_params params;
    /// Info hash as the SDK formats it.
    std::string info_hash;
    /// True for magnet links.
    bool magnet = false;
};

/// Parses a .torrent path or magnet URI; throws std::invalid_argument with one line on bad input.
torrent_argument read_torrent_argument(std::string const& text);

/// Checks a --peer value (IP:PORT, IPv6 in brackets, or localhost:PORT) before any session
/// exists and returns it as the session takes it (localhost becomes 127.0.0.1); throws
/// std::invalid_argument with one line when the session would refuse it.
std::string check_peer_argument(std::string const& text);

} // namespace pico::app
