// A type that does not name itself as a service cannot be looked up: this must not compile.
// expect: service_name
#include <picotorrent/sdk/host.hpp>

struct not_a_service {};

void find_it(pico::sdk::host& h)
{
    auto found = pico::sdk::find_service<not_a_service>(h);
}
