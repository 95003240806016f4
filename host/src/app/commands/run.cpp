// `picotorrent run`: the headless host, until SIGINT, SIGTERM or SIGHUP.
#include "app/command.hpp"
#include "app/host_command_line.hpp"
#include "app/torrent_argument.hpp"
#include "app/torrent_log.hpp"
#include "config/config_store.hpp"

#include <iostream>

namespace po = boost::program_options;

namespace pico::app {

int run_run_command(command_context const& ctx)
{
    po::options_description desc(
        "usage: picotorrent run [options] [TORRENT|MAGNET ...]\n\n"
        "Runs until SIGINT, SIGTERM or SIGHUP; each saves resume data and stops cleanly (SIGHUP does\n"
        "not reload the config). A second signal exits at once.\n\n"
        "options");
    add_host_options(desc);
    desc.add_options()("help,h", "show this help")("torrent",
                                                   po::value<std::vector<std::string>>()->composing(),
                                                   "torrent files or magnet links to add");
    po::positional_options_description positional;
    positional.add("torrent", -1);

    po::variables_map vm;
    if (!parse_command_line(ctx.args, desc, positional, vm, "run"))
        return exit_bad_input;
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return exit_ok;
    }

    core::host_options options;
    options.mode = "run";
    try {
        read_host_options(vm, options);
    } catch (std::invalid_argument const& e) {
        std::cerr << "picotorrent run: " << e.what() << '\n';
        return exit_bad_input;
    }
    if (vm.count("torrent")) {
        options.torrents = vm["torrent"].as<std::vector<std::string>>();
        // Refused before the host starts, in the words download and seed use.
        try {
            for (auto const& t : options.torrents)
                (void)read_torrent_argument(t);
        } catch (std::invalid_argument const& e) {
            std::cerr << "picotorrent run: " << e.what() << '\n';
            return exit_bad_input;
        }
    }

    try {
        core::application app(std::move(options));
        auto const lifecycle = log_torrent_lifecycle(app);
        return app.run();
    } catch (config::config_error const& e) {
        std::cerr << "picotorrent: " << e.what() << '\n';
        return exit_bad_input;
    }
}

} // namespace pico::app
