#include "app/host_command_line.hpp"

#include <iostream>
#include <sstream>
#include <stdexcept>

namespace po = boost::program_options;

namespace pico::app {

void add_host_options(po::options_description& desc)
{
    // clang-format off
    desc.add_options()
        ("config", po::value<std::string>(), "configuration file (default: see docs/config.md); must exist when given")
        ("strict", "unknown configuration keys are errors, not warnings")
        ("plugins", po::value<std::string>(), "comma-separated plugin ids to load (default: the config's \"plugins\", else all)")
        ("no-plugins", "load no plugins")
        ("plugin-dir", po::value<std::vector<std::string>>()->composing(), "also look for plugins in this folder (repeatable)")
        ("state-dir", po::value<std::string>(), "where resume data, session state and the log live")
        ("save-path", po::value<std::string>(), "download directory (default: the config's save_path; download: same as --out-dir)")
        ("include", po::value<std::vector<std::string>>()->composing(), "only download files matching this filter name or ECMAScript regex over the whole path, e.g. '.*\\.iso' (repeatable)")
        ("exclude", po::value<std::vector<std::string>>()->composing(), "skip files matching this filter name or ECMAScript regex over the whole path, e.g. '.*\\.nfo' (repeatable)")
        ("resume-interval", po::value<int>(), "seconds between resume data saves (default 30)")
        ("verbose,v", "also print informational log lines on stderr (download and seed print warnings and errors only; the log file has everything)");
    // clang-format on
}

void read_host_options(po::variables_map const& vm, core::host_options& out)
{
    if (vm.count("config"))
        out.config_file = vm["config"].as<std::string>();
    out.strict = vm.count("strict") > 0;
    if (vm.count("state-dir"))
        out.state_dir = vm["state-dir"].as<std::string>();
    if (vm.count("save-path"))
        out.save_path = vm["save-path"].as<std::string>();
    if (vm.count("plugin-dir")) {
        for (auto const& d : vm["plugin-dir"].as<std::vector<std::string>>())
            out.plugin_dirs.emplace_back(d);
    }
    if (vm.count("plugins") && vm.count("no-plugins"))
        throw std::invalid_argument("--plugins and --no-plugins cannot be combined");
    out.no_plugins = vm.count("no-plugins") > 0;
    if (vm.count("plugins")) {
        std::vector<std::string> ids;
        std::stringstream ss(vm["plugins"].as<std::string>());
        for (std::string id; std::getline(ss, id, ',');) {
            if (!id.empty())
                ids.push_back(id);
        }
        out.plugins = ids;
    }
    for (char const* name : {"include", "exclude"}) {
        if (vm.count(name))
            out.plugin_options[name] = vm[name].as<std::vector<std::string>>();
    }
    // One-shot commands keep the terminal for progress and results; `run` is a service and logs it all.
    bool const one_shot = out.mode == "download" || out.mode == "seed";
    out.console_level = one_shot && !vm.count("verbose") ? sdk::log_level::warning : sdk::log_level::info;
    if (vm.count("resume-interval")) {
        int const s = vm["resume-interval"].as<int>();
        if (s < 1)
            throw std::invalid_argument("--resume-interval must be at least 1 second");
        out.resume_interval = std::chrono::seconds(s);
    }
}

bool parse_command_line(std::vector<std::string> const& args, po::options_description const& desc,
                        po::positional_options_description const& positional, po::variables_map& vm,
                        std::string const& command)
{
    try {
        po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
        po::notify(vm);
    } catch (po::error const& e) {
        std::cerr << "picotorrent " << command << ": " << e.what() << " (see picotorrent " << command
                  << " --help)\n";
        return false;
    }
    return true;
}

} // namespace pico::app
