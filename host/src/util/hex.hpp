// Lowercase hex, the one spelling of info hashes and digests on the wire and in output.
#pragma once

#include <string>
#include <string_view>

namespace pico::util {

/// Lowercase hex of raw bytes.
std::string to_hex(std::string_view bytes);

/// Decodes hex (either case) of exactly twice `out_size` characters into `out`; false on any
/// other length or a non-hex character, in which case `out` may be partly written.
bool from_hex(std::string_view hex, char* out, std::size_t out_size);

} // namespace pico::util
