// One inbound WebSocket text frame, as parse_command sees it (plugins/websocket/src/commands.cpp).
#include "websocket/src/commands.hpp"

#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size)
{
    (void)pico::websocket::parse_command(std::string_view(reinterpret_cast<char const*>(data), size));
    return 0;
}
