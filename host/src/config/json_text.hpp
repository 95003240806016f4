// JSON text with comments: parsing with human, one-line errors and comment detection.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace pico::config {

/// How deep arrays and objects may nest in a configuration or manifest (the reference's
/// config nests three levels).
inline constexpr std::size_t max_nesting_depth = 64;

/// The largest configuration or manifest file the host reads.
inline constexpr std::size_t max_json_file_bytes = 4 * 1024 * 1024;

/// A 1-based line and column; columns count UTF-8 characters, so they match what editors show.
struct text_position {
    std::size_t line = 1;
    std::size_t column = 1;
};

/// The line and column of byte `offset` in `text`.
text_position position_of(std::string_view text, std::size_t offset);

/// `text` with its comments replaced by spaces (same length, newlines kept).
std::string without_comments(std::string_view text);

/// Where each object key of a parsed document was written: dotted path ("session.enable_dht",
/// "file_filters[0].name") -> the position of its opening quote. For text that parsed.
std::map<std::string, text_position> key_positions(std::string_view text);

/// True when `text` holds a // or /* */ comment outside strings.
bool has_comments(std::string_view text);

/// True when `text` holds nothing but whitespace and comments.
bool is_blank(std::string_view text);

/// Parses JSON that may contain // and /* */ comments. Throws config_error
/// "LABEL:LINE:COLUMN: message" with a short, human message on a syntax error, a number out of
/// range, or nesting deeper than max_nesting_depth. What it echoes is made printable.
nlohmann::json parse_json_with_comments(std::string_view text, std::string const& label);

} // namespace pico::config
