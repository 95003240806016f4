// A plugin.json found in a plugin folder: parsed and checked, or refused with one line.
#include "plugins/manifest.hpp"

#include <cstdint>
#include <cstdlib>
#include <exception>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    try {
        (void)pico::plugins::parse_manifest(std::string_view(reinterpret_cast<char const*>(data), size),
                                            "plugin.json");
    } catch (std::exception const& e) {
        if (std::string_view(e.what()).find('\n') != std::string_view::npos)
            std::abort();
    }
    return 0;
}
