#include "cli/command_line.hpp"

#include <iostream>

namespace po = boost::program_options;

namespace pico::cli {

bool parse_command_line(std::vector<std::string> const& args, po::options_description const& visible,
                        po::options_description const& hidden,
                        po::positional_options_description const& positional, po::variables_map& vm,
                        std::string const& command)
{
    po::options_description all;
    all.add(visible).add(hidden);
    try {
        po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (po::error const& e) {
        std::cerr << "picotorrent " << command << ": " << e.what() << " (see picotorrent " << command
                  << " --help)\n";
        return false;
    }
    return true;
}

} // namespace pico::cli
