// Strict base64 decoding for the `add` command's "torrent" field.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pico::websocket {

/// Decodes standard base64 (RFC 4648, padding optional, no whitespace); nullopt if malformed.
std::optional<std::string> base64_decode(std::string_view text);

/// Encodes bytes as standard base64 with padding.
std::string base64_encode(std::string_view bytes);

} // namespace pico::websocket
