#include "cli/metainfo_error.hpp"

namespace pico::cli {
namespace {

std::string describe(std::string const& problem, std::optional<std::int64_t> offset)
{
    return offset ? problem + " (at byte " + std::to_string(*offset) + ")" : problem;
}

} // namespace

metainfo_error::metainfo_error(std::string const& problem, std::optional<std::int64_t> offset)
    : std::runtime_error(describe(problem, offset)), m_problem(problem), m_offset(offset)
{
}

} // namespace pico::cli
