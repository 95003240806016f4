// The text form of info hashes used everywhere the host names a torrent (events, files, wire).
#pragma once

#include <libtorrent/info_hash.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace pico::util {

/// Lowercase hex: the v1 hash (40 chars) for v1 and hybrid torrents, the v2 hash (64 chars) for
/// v2-only ones; empty when `ih` holds neither.
std::string info_hash_string(lt::info_hash_t const& ih);

/// Lowercase hex of the v2 hash (64 chars), empty when there is none.
std::string v2_hash_string(lt::info_hash_t const& ih);

/// Parses 40-char (v1) or 64-char (v2) hex, either case; nullopt when malformed.
std::optional<lt::info_hash_t> parse_info_hash(std::string_view hex);

} // namespace pico::util
