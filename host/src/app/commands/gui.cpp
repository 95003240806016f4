// `picotorrent gui`: the host with a front-end plugin (the Qt GUI) owning the main thread,
// and the other configured plugins running as under `run`.
#include "app/command.hpp"
#include "app/gui_handoff.hpp"
#include "app/host_command_line.hpp"
#include "config/config_paths.hpp"
#include "config/config_store.hpp"
#include "core/front_end_runner.hpp"

#include <iostream>

namespace po = boost::program_options;

namespace pico::app {
namespace {

/// Magnets as given, files as absolute paths (the running GUI may have another working dir).
/// Throws std::invalid_argument for a file that does not exist.
std::vector<std::string> normalised_arguments(std::vector<std::string> const& given)
{
    std::vector<std::string> out;
    for (auto const& a : given) {
        if (a.rfind("magnet:", 0) == 0) {
            out.push_back(a);
            continue;
        }
        std::error_code ec;
        if (!std::filesystem::is_regular_file(a, ec))
            throw std::invalid_argument(a + ": no such torrent file");
        out.push_back(std::filesystem::absolute(a).lexically_normal().string());
    }
    return out;
}

} // namespace

int run_gui_command(command_context const& ctx)
{
    po::options_description desc("usage: picotorrent gui [options] [TORRENT|MAGNET ...]\n\noptions");
    add_host_options(desc);
    desc.add_options()("help,h", "show this help")("torrent",
                                                   po::value<std::vector<std::string>>()->composing(),
                                                   "torrent files or magnet links to add");
    po::positional_options_description positional;
    positional.add("torrent", -1);

    po::variables_map vm;
    if (!parse_command_line(ctx.args, desc, positional, vm, "gui"))
        return exit_bad_input;
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return exit_ok;
    }

    core::host_options options;
    options.mode = "gui";
    std::vector<std::string> arguments;
    try {
        read_host_options(vm, options);
        if (vm.count("torrent"))
            arguments = normalised_arguments(vm["torrent"].as<std::vector<std::string>>());
    } catch (std::invalid_argument const& e) {
        std::cerr << "picotorrent gui: " << e.what() << '\n';
        return exit_bad_input;
    }

    // A GUI already running on this state dir takes the arguments; two sessions on one state
    // dir would fight over resume data and the listen port.
    auto const state_dir = options.state_dir ? *options.state_dir : config::default_state_dir();
    auto const socket = gui_socket_path(state_dir);
    switch (hand_over_to_running_gui(socket, arguments)) {
    case handoff_result::handed_over:
        return exit_ok;
    case handoff_result::no_answer:
        // Starting a second host on the same state dir would fail on its lock anyway.
        std::cerr << "picotorrent gui: a GUI listens on " << socket.string()
                  << " but did not take the arguments within " << gui_handoff_timeout.count()
                  << " s (is it hung?)\n";
        return exit_failure;
    case handoff_result::nobody_listening:
        break;
    }

    try {
        core::application app(std::move(options));
        return core::run_with_front_end(app, arguments);
    } catch (config::config_error const& e) {
        std::cerr << "picotorrent: " << e.what() << '\n';
        return exit_bad_input;
    } catch (std::exception const& e) {
        std::cerr << "picotorrent gui: " << e.what() << '\n';
        return exit_failure;
    }
}

} // namespace pico::app
