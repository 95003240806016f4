#include "app/command.hpp"

namespace pico::app {

std::vector<command> const& commands()
{
    // Keep one line per command; add new commands here and in command.hpp.
    static std::vector<command> const table{
        {"run", run_run_command, "run the headless host until SIGINT, SIGTERM or SIGHUP"},
        {"gui", run_gui_command, "the desktop GUI (the gui front-end plugin) with the host and its plugins"},
        {"download", run_download_command, "download one torrent or magnet, then exit"},
        {"seed", run_seed_command, "verify data against a torrent, then seed it until SIGINT/SIGTERM"},
        {"inspect", run_inspect_command, "show what a .torrent file holds (--json for scripts)"},
        {"create", run_create_command, "make a .torrent (hybrid v1+v2 by default) from a file or directory"},
        {"config", run_config_command, "show the effective configuration (config show)"},
        {"remote", run_remote_command,
         "control a running host over its WebSocket API (list, add, pause, ...)"},
        {"plugins", run_plugins_command, "list discovered plugins with versions and load status"},
    };
    return table;
}

} // namespace pico::app
