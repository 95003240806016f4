// The updater's release JSON as a (possibly hostile) server sends it.
#include "updater/src/release.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string error;
    (void)pico::updater::parse_release(std::string_view(reinterpret_cast<char const*>(data), size), error);
    return 0;
}
