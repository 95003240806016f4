// A magnet link from the command line: refused with one line, or parsed with an info hash.
#include "app/torrent_argument.hpp"

#include <cstdint>
#include <cstdlib>
#include <stdexcept>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    std::string const text = "magnet:" + std::string(reinterpret_cast<char const*>(data), size);
    try {
        auto const t = pico::app::read_torrent_argument(text);
        if (t.info_hash.empty())
            std::abort(); // accepted without a hash: the session would fail later
    } catch (std::invalid_argument const& e) {
        if (std::string_view(e.what()).find('\n') != std::string_view::npos)
            std::abort();
    }
    return 0;
}
