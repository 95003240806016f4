// Options shared by the commands that run a host (run, download, seed, gui).
#pragma once

#include "core/application.hpp"

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace pico::app {

/// Adds --config, --strict, --plugins, --no-plugins, --plugin-dir, --state-dir, --save-path,
/// --include, --exclude, --resume-interval and --verbose to `desc`.
void add_host_options(boost::program_options::options_description& desc);

/// Fills `out` from parsed options; set `out.mode` first (it decides the console log level).
/// Throws std::invalid_argument (one line) on contradictions.
void read_host_options(boost::program_options::variables_map const& vm, core::host_options& out);

/// Parses `args` against `desc` (with `positional` names); prints `usage` for --help.
/// Returns false after printing one line on a usage error.
bool parse_command_line(std::vector<std::string> const& args,
                        boost::program_options::options_description const& desc,
                        boost::program_options::positional_options_description const& positional,
                        boost::program_options::variables_map& vm, std::string const& command);

} // namespace pico::app
