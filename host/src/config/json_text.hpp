// JSON text with comments: parsing with human, one-line errors and comment detection.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace pico::config {

/// A 1-based line and column; columns count UTF-8 characters, so they match what editors show.
struct text_position {
    std::size_t line = 1;
    std::size_t column = 1;
};

/// The line and column of byte `offset` in `text`.
text_position position_of(std::string_view text, std::size_t offset);

/// True when `text` holds a // or /* */ comment outside strings.
bool has_comments(std::string_view text);

/// True when `text` holds nothing but whitespace and comments.
bool is_blank(std::string_view text);

/// Parses JSON that may contain // and /* */ comments. Throws config_error
/// "LABEL:LINE:COLUMN: message" with a short, human message on a syntax error.
nlohmann::json parse_json_with_comments(std::string_view text, std::string const& label);

} // namespace pico::config
