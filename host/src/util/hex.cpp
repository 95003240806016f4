#include "util/hex.hpp"

namespace pico::util {
namespace {

int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace

std::string to_hex(std::string_view bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char const c : bytes) {
        auto const b = static_cast<unsigned char>(c);
        out += digits[b >> 4];
        out += digits[b & 0xf];
    }
    return out;
}

bool from_hex(std::string_view hex, char* out, std::size_t out_size)
{
    if (hex.size() != 2 * out_size)
        return false;
    for (std::size_t i = 0; i < out_size; ++i) {
        int const hi = hex_value(hex[2 * i]);
        int const lo = hex_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i] = static_cast<char>(hi << 4 | lo);
    }
    return true;
}

} // namespace pico::util
