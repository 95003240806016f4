#include "cli/echo.hpp"

#include "util/printable.hpp"

namespace pico::cli {

std::string echo(std::string_view text, std::size_t max)
{
    return util::printable(text, max);
}

} // namespace pico::cli
