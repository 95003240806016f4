#include "config/json_text.hpp"

#include "config/config_error.hpp"
#include "util/printable.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <vector>

namespace pico::config {
namespace {

// The text with comments blanked out (same length, newlines kept, so offsets still match), plus
// where strings and an unterminated block comment start: the error messages point at those.
struct scanned_text {
    std::string code;
    std::vector<std::size_t> string_starts;
    std::optional<std::size_t> open_comment;
    // The first '[' or '{' past max_nesting_depth, outside strings and comments.
    std::optional<std::size_t> too_deep;
};

scanned_text scan(std::string_view text)
{
    scanned_text out;
    out.code.assign(text);
    enum class state { code, string, line_comment, block_comment } st = state::code;
    std::size_t depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char const c = text[i];
        char const next = i + 1 < text.size() ? text[i + 1] : '\0';
        switch (st) {
        case state::code:
            if (c == '"') {
                st = state::string;
                out.string_starts.push_back(i);
            } else if (c == '[' || c == '{') {
                if (++depth > max_nesting_depth && !out.too_deep)
                    out.too_deep = i;
            } else if (c == ']' || c == '}') {
                depth -= depth > 0 ? 1 : 0;
            } else if (c == '/' && (next == '/' || next == '*')) {
                st = next == '/' ? state::line_comment : state::block_comment;
                if (st == state::block_comment)
                    out.open_comment = i;
                out.code[i] = ' ';
                out.code[++i] = ' ';
            }
            break;
        case state::string:
            if (c == '\\' && next != '\n')
                ++i;
            else if (c == '"' || c == '\n') // a raw newline ends a broken string: keep scanning the rest
                st = state::code;
            break;
        case state::line_comment:
            if (c == '\n')
                st = state::code;
            else
                out.code[i] = ' ';
            break;
        case state::block_comment:
            if (c == '*' && next == '/') {
                st = state::code;
                out.open_comment.reset();
                out.code[i] = ' ';
                out.code[++i] = ' ';
            } else if (c != '\n') {
                out.code[i] = ' ';
            }
            break;
        }
    }
    return out;
}

bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Characters of a bare token (number or true/false/null, or a typo of one).
bool is_literal_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '+' || c == '-' || c == '_';
}

// Where the bare token around `offset` starts. nlohmann reports the last character it read, which
// for a mistyped literal like `tru}` is the character after the token.
std::size_t literal_start(std::string_view code, std::size_t offset)
{
    if (offset > 0 && (offset >= code.size() || !is_literal_char(code[offset])) &&
        is_literal_char(code[offset - 1]))
        --offset;
    while (offset > 0 && is_literal_char(code[offset - 1]))
        --offset;
    return offset;
}

// The start of the string that contains or ends at `offset`.
std::size_t string_start(scanned_text const& s, std::size_t offset)
{
    auto it = std::lower_bound(s.string_starts.begin(), s.string_starts.end(), offset);
    return it == s.string_starts.begin() ? offset : *std::prev(it);
}

// The last non-blank code character before `offset`, if any.
std::optional<std::size_t> previous_code(std::string_view code, std::size_t offset)
{
    while (offset > 0) {
        --offset;
        if (!is_space(code[offset]))
            return offset;
    }
    return std::nullopt;
}

// The first number literal in `code` (comments blanked) too big for a double, e.g. 1e999.
std::optional<std::size_t> overflowing_number(std::string_view code)
{
    bool in_string = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char const c = code[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t end = i;
            while (end < code.size() && is_literal_char(code[end]))
                ++end;
            std::string const literal(code.substr(i, end - i));
            if (!std::isfinite(std::strtod(literal.c_str(), nullptr)))
                return i;
            i = end - 1;
        }
    }
    return std::nullopt;
}

bool starts_with(std::string_view s, std::string_view prefix)
{
    return s.substr(0, prefix.size()) == prefix;
}

struct diagnosis {
    std::size_t offset;
    std::string message;
};

// Turns nlohmann's "syntax error while parsing CONTEXT - DETAIL; last read: ..." into a short
// message and the offset of the offending token's first character.
diagnosis diagnose(std::string_view text, nlohmann::json::parse_error const& e)
{
    auto const s = scan(text);
    std::string_view const code = s.code;
    // e.byte counts the characters read, so the last one read is at e.byte - 1.
    std::size_t const at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());

    std::string_view what = e.what();
    if (auto p = what.find("column "); p != std::string_view::npos) {
        if (auto colon = what.find(": ", p); colon != std::string_view::npos)
            what.remove_prefix(colon + 2);
    }
    std::string_view context;
    if (starts_with(what, "syntax error while parsing ")) {
        what.remove_prefix(std::string_view("syntax error while parsing ").size());
        auto const dash = what.find(" - ");
        context = what.substr(0, dash);
        what.remove_prefix(dash == std::string_view::npos ? what.size() : dash + 3);
    }
    std::string_view detail = what.substr(0, what.find("; last read:"));

    if (starts_with(detail, "unexpected end of input")) {
        auto const last = previous_code(code, code.size());
        std::size_t const end = last ? *last + 1 : 0;
        auto const expected = detail.find("; expected ");
        if (expected == std::string_view::npos || detail.find("or a literal") != std::string_view::npos)
            return {end, "unexpected end of file"};
        return {end, "unexpected end of file, " + std::string(detail.substr(expected + 2))};
    }
    if (starts_with(detail, "invalid string: missing closing quote") ||
        starts_with(detail, "invalid string: control character U+000A") ||
        starts_with(detail, "invalid string: control character U+000D"))
        return {string_start(s, at), "unterminated string"};
    if (starts_with(detail, "invalid comment; missing closing"))
        return {s.open_comment.value_or(at), "unterminated /* comment"};
    if (starts_with(detail, "invalid comment"))
        return {at > 0 ? at - 1 : at, "stray '/' (comments start with // or /*)"};
    if (starts_with(detail, "invalid literal"))
        return {literal_start(code, at),
                "invalid value (expected true, false, null, a number or a \"quoted string\")"};
    if (starts_with(detail, "invalid number"))
        return {literal_start(code, at), "invalid number"};
    if (starts_with(detail, "invalid string"))
        return {at, std::string(detail)};

    if (starts_with(detail, "unexpected ")) {
        auto const semicolon = detail.find("; expected ");
        std::string_view const token = detail.substr(11, semicolon - 11);
        std::string_view const expected =
            semicolon == std::string_view::npos ? std::string_view() : detail.substr(semicolon + 11);
        std::size_t offset = at;
        if (token == "string literal")
            offset = string_start(s, at);
        else if (token == "number literal" || token == "literal")
            offset = literal_start(code, at);

        if (token == "'}'" || token == "']'") {
            if (auto prev = previous_code(code, offset); prev && code[*prev] == ',')
                return {*prev, "trailing comma before " + std::string(token)};
        }
        if (token == "','") {
            if (auto prev = previous_code(code, offset); prev && code[*prev] == ',')
                return {offset, "duplicate ','"};
        }
        if (context == "object" && expected == "'}'")
            return {offset, "expected ',' or '}'"};
        if (context == "array" && expected == "']'")
            return {offset, "expected ',' or ']'"};
        if (context == "object key")
            return {offset, "expected a \"quoted\" key"};
        if (expected == "':'")
            return {offset, "expected ':' after the key"};
        if (expected == "end of input")
            return {offset, "unexpected " + std::string(token) + " after the end of the document"};
        if (starts_with(expected, "'[', '{', or a literal"))
            return {offset, "expected a value"};
        if (!expected.empty())
            return {offset, "unexpected " + std::string(token) + ", expected " + std::string(expected)};
        return {offset, "unexpected " + std::string(token)};
    }
    return {at, std::string(detail)};
}

} // namespace

text_position position_of(std::string_view text, std::size_t offset)
{
    offset = std::min(offset, text.size());
    text_position pos;
    std::size_t line_start = 0;
    if (starts_with(text, "\xEF\xBB\xBF")) // a byte order mark is not a column
        line_start = std::min<std::size_t>(3, offset);
    for (std::size_t i = 0; i < offset; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            line_start = i + 1;
        }
    }
    for (std::size_t i = line_start; i < offset; ++i) {
        // UTF-8 continuation bytes (10xxxxxx) do not start a character.
        if ((static_cast<unsigned char>(text[i]) & 0xC0U) != 0x80U)
            ++pos.column;
    }
    return pos;
}

std::string without_comments(std::string_view text)
{
    return scan(text).code;
}

bool has_comments(std::string_view text)
{
    return scan(text).code != text;
}

bool is_blank(std::string_view text)
{
    auto const s = scan(text);
    return !s.open_comment && std::all_of(s.code.begin(), s.code.end(), is_space);
}

nlohmann::json parse_json_with_comments(std::string_view text, std::string const& label)
{
    auto const fail_at = [&](std::size_t offset, std::string const& message) {
        auto const pos = position_of(text, offset);
        return config_error(util::printable(label, 1000) + ":" + std::to_string(pos.line) + ":" +
                            std::to_string(pos.column) + ": " + util::printable(message));
    };
    auto const s = scan(text);
    // nlohmann parses without recursion, but copying or walking the result recurses once per
    // level: a document nested 60,000 deep would overflow the stack later. Refuse it here.
    if (s.too_deep)
        throw fail_at(*s.too_deep, "nested deeper than " + std::to_string(max_nesting_depth) + " levels");
    // nlohmann ends a // comment at a NUL byte and reads the rest of the comment as JSON; a NUL
    // inside a comment is still comment, so it goes before parsing (offsets do not move).
    std::string input(text);
    for (std::size_t i = 0; i < input.size(); ++i) {
        if (input[i] == '\0' && s.code[i] == ' ')
            input[i] = ' ';
    }
    try {
        return nlohmann::json::parse(input.begin(), input.end(), nullptr, true, /*ignore_comments=*/true);
    } catch (nlohmann::json::parse_error const& e) {
        auto const d = diagnose(input, e);
        throw fail_at(d.offset, d.message);
    } catch (nlohmann::json::out_of_range const&) {
        // 406: a number literal beyond a double's range. nlohmann does not say where.
        throw fail_at(overflowing_number(s.code).value_or(0), "number out of range");
    }
}

} // namespace pico::config
