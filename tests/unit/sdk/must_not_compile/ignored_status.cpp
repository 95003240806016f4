// A failed apply_settings that nobody reads is a silent mistake: this must not compile.
// expect: nodiscard
#include <picotorrent/sdk/host.hpp>

void apply_and_ignore(pico::sdk::host& h)
{
    h.apply_settings({{"enable_dht", false}});
}
