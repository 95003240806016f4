// Option parsing shared by the session-less commands (inspect, create).
#pragma once

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace pico::cli {

/// Parses `args` against `visible` plus `hidden` options (positional names in `positional`).
/// On a usage error prints one line "picotorrent <command>: ..." on stderr and returns false.
bool parse_command_line(std::vector<std::string> const& args,
                        boost::program_options::options_description const& visible,
                        boost::program_options::options_description const& hidden,
                        boost::program_options::positional_options_description const& positional,
                        boost::program_options::variables_map& vm, std::string const& command);

} // namespace pico::cli
