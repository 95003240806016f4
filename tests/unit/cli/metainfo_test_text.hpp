// Text for the metainfo parser's tests.
#pragma once

#include <string>

namespace pico::cli::test {

/// Twenty bytes that stand for one piece's SHA-1 in a hand-written torrent.
inline std::string const hashes20(20, 'h');

} // namespace pico::cli::test
