// A subscription dropped on the floor unregisters at once: this must not compile.
// expect: nodiscard
#include <picotorrent/sdk/host.hpp>

void subscribe_and_drop(pico::sdk::host& h)
{
    pico::sdk::subscribe<pico::sdk::torrent_added_event>(h, [](auto const&) {});
}
