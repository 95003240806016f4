#include "util/printable.hpp"

namespace pico::util {
namespace {

constexpr char hex_digits[] = "0123456789abcdef";

std::string hex_escape(unsigned char byte)
{
    return std::string("\\x") + hex_digits[byte >> 4] + hex_digits[byte & 0x0f];
}

// The length of the valid UTF-8 sequence starting at text[i], or 0 when it is not one
// (overlong forms, surrogates and values past U+10FFFF are not valid).
std::size_t utf8_length(std::string_view text, std::size_t i)
{
    auto const byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    unsigned char const lead = byte(i);
    std::size_t length = 0;
    char32_t value = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        value = lead & 0x1FU;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        value = lead & 0x0FU;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        value = lead & 0x07U;
    } else {
        return 0;
    }
    if (i + length > text.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0U) != 0x80U)
            return 0;
        value = (value << 6) | (byte(i + k) & 0x3FU);
    }
    bool const overlong = (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
    bool const surrogate = value >= 0xD800 && value <= 0xDFFF;
    if (overlong || surrogate || value > 0x10FFFF)
        return 0;
    return length;
}

// The escape for one character, or an empty string when it can be shown as it is.
std::string escape_for(std::string_view text, std::size_t i, std::size_t& length)
{
    auto const c = static_cast<unsigned char>(text[i]);
    length = 1;
    switch (c) {
    case '\n':
        return "\\n";
    case '\r':
        return "\\r";
    case '\t':
        return "\\t";
    case 0x1B:
        return "\\e";
    case '\\':
        return "\\\\";
    default:
        break;
    }
    if (c < 0x20 || c == 0x7F)
        return hex_escape(c);
    if (c < 0x80)
        return {};
    length = utf8_length(text, i);
    if (length == 0) {
        length = 1;
        return hex_escape(c);
    }
    // C1 controls (U+0080..U+009F, encoded C2 80..C2 9F): some terminals act on them (U+009B is CSI).
    if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
        auto const low = static_cast<unsigned char>(text[i + 1]);
        return std::string("\\u00") + hex_digits[low >> 4] + hex_digits[low & 0x0f];
    }
    return {};
}

} // namespace

std::string printable(std::string_view text, std::size_t max)
{
    constexpr std::string_view ellipsis = "...";
    std::string out;
    out.reserve(text.size() < max ? text.size() : max);
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t length = 0;
        auto const escaped = escape_for(text, i, length);
        std::string_view const piece = escaped.empty() ? text.substr(i, length) : std::string_view(escaped);
        if (out.size() + piece.size() > max)
            return out + std::string(ellipsis);
        out.append(piece);
        i += length;
    }
    return out;
}

} // namespace pico::util
