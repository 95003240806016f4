#include "util/info_hash.hpp"

#include "util/hex.hpp"

#include <libtorrent/sha1_hash.hpp>

namespace pico::util {
namespace {

template <typename Digest> std::string digest_hex(Digest const& d)
{
    return to_hex(std::string_view(d.data(), static_cast<std::size_t>(d.size())));
}

template <typename Digest> bool digest_from_hex(std::string_view hex, Digest& d)
{
    return util::from_hex(hex, d.data(), static_cast<std::size_t>(d.size()));
}

} // namespace

std::string info_hash_string(lt::info_hash_t const& ih)
{
    if (ih.has_v1())
        return digest_hex(ih.v1);
    if (ih.has_v2())
        return digest_hex(ih.v2);
    return {};
}

std::string v2_hash_string(lt::info_hash_t const& ih)
{
    return ih.has_v2() ? digest_hex(ih.v2) : std::string();
}

std::optional<lt::info_hash_t> parse_info_hash(std::string_view hex)
{
    if (hex.size() == 2 * lt::sha1_hash::size()) {
        lt::sha1_hash v1;
        if (!digest_from_hex(hex, v1) || v1.is_all_zeros())
            return std::nullopt;
        return lt::info_hash_t(v1);
    }
    if (hex.size() == 2 * lt::sha256_hash::size()) {
        lt::sha256_hash v2;
        if (!digest_from_hex(hex, v2) || v2.is_all_zeros())
            return std::nullopt;
        return lt::info_hash_t(v2);
    }
    return std::nullopt;
}

} // namespace pico::util
