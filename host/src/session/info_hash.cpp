#include "session/info_hash.hpp"

#include <libtorrent/sha1_hash.hpp>

namespace pico::session {
namespace {

template <typename Digest>
std::string to_lower_hex(Digest const& d)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(static_cast<std::size_t>(d.size()) * 2);
    for (char const c : d) {
        auto const byte = static_cast<unsigned char>(c);
        out.push_back(digits[byte >> 4]);
        out.push_back(digits[byte & 0xf]);
    }
    return out;
}

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

// Fills `d` from hex of exactly twice its size; false on any non-hex character.
template <typename Digest>
bool from_hex(std::string_view hex, Digest& d)
{
    auto* out = d.data();
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int const hi = hex_value(hex[i]);
        int const lo = hex_value(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return false;
        out[i / 2] = static_cast<char>((hi << 4) | lo);
    }
    return true;
}

} // namespace

std::string info_hash_string(lt::info_hash_t const& ih)
{
    if (ih.has_v1())
        return to_lower_hex(ih.v1);
    if (ih.has_v2())
        return to_lower_hex(ih.v2);
    return {};
}

std::string v2_hash_string(lt::info_hash_t const& ih) { return ih.has_v2() ? to_lower_hex(ih.v2) : std::string(); }

std::optional<lt::info_hash_t> parse_info_hash(std::string_view hex)
{
    if (hex.size() == 2 * lt::sha1_hash::size()) {
        lt::sha1_hash v1;
        if (!from_hex(hex, v1) || v1.is_all_zeros())
            return std::nullopt;
        return lt::info_hash_t(v1);
    }
    if (hex.size() == 2 * lt::sha256_hash::size()) {
        lt::sha256_hash v2;
        if (!from_hex(hex, v2) || v2.is_all_zeros())
            return std::nullopt;
        return lt::info_hash_t(v2);
    }
    return std::nullopt;
}

} // namespace pico::session
