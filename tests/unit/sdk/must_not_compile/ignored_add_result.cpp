// An add_torrent whose failure nobody reads is a silent mistake: this must not compile.
// expect: nodiscard
#include <picotorrent/sdk/host.hpp>

void add_and_ignore(pico::sdk::host& h)
{
    h.add_torrent({});
}
