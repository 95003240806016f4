// Explains why libtorrent rejected a decoded .torrent, pointing at the offending key.
// libtorrent's own error codes say what is wrong but not where; this walks the same
// rules over the bdecode tree so the user gets the key path and its byte offset.
#pragma once

#include "cli/metainfo_error.hpp"

#include <libtorrent/bdecode.hpp>
#include <libtorrent/error_code.hpp>

namespace pico::cli {

/// The first problem found in `root` (a successfully bdecoded buffer), checking in the
/// order libtorrent does; falls back to `ec` (libtorrent's verdict) located at the key it
/// concerns. Offsets are from the start of the buffer `root` was decoded from.
metainfo_error diagnose_metainfo(lt::bdecode_node const& root, lt::error_code const& ec);

} // namespace pico::cli
