// The subcommands of `picotorrent`. Each lives in commands/<name>.cpp and receives
// the arguments after its name. Exit codes: 0 success, 1 failure at run time,
// 2 bad input (usage, missing or corrupt file, bad config).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pico::app {

/// Arguments after the subcommand name, plus what every command needs to know.
struct command_context {
    /// Arguments after the subcommand name.
    std::vector<std::string> args;
    /// argv[0] as invoked.
    std::string argv0;
};

/// A subcommand's entry point.
using command_fn = int (*)(command_context const& ctx);

/// One row of the command table.
struct command {
    std::string_view name;
    command_fn run;
    std::string_view summary;
};

/// Every subcommand, in the order `--help` lists them.
std::vector<command> const& commands();

// One function per subcommand (commands/<name>.cpp).
int run_config_command(command_context const& ctx);
int run_plugins_command(command_context const& ctx);
int run_run_command(command_context const& ctx);
int run_gui_command(command_context const& ctx);
int run_inspect_command(command_context const& ctx);
int run_create_command(command_context const& ctx);
int run_download_command(command_context const& ctx);
int run_seed_command(command_context const& ctx);
int run_remote_command(command_context const& ctx);

} // namespace pico::app
