#include "app/command.hpp"

namespace pico::app {

std::vector<command> const& commands()
{
    // Keep one line per command; add new commands here and in command.hpp.
    static std::vector<command> const table{
    };
    return table;
}

} // namespace pico::app
