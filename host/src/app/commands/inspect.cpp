// `picotorrent inspect`: what a .torrent holds, as aligned text or as JSON
// (docs/inspect-json.md). A missing or malformed file is one line and exit code 2.
#include "app/command.hpp"
#include "cli/command_line.hpp"
#include "cli/echo.hpp"
#include "cli/metainfo_reader.hpp"
#include "cli/report_json.hpp"
#include "cli/report_text.hpp"
#include "util/exit_codes.hpp"

#include <iostream>

namespace po = boost::program_options;

namespace pico::app {
namespace {

// announce_entry::tier is a std::uint8_t.
constexpr std::size_t max_tracker_tiers = 256;

} // namespace

int run_inspect_command(command_context const& ctx)
{
    po::options_description desc("usage: picotorrent inspect <torrent> [options]\n\noptions");
    // clang-format off
    desc.add_options()
        ("help,h", "show this help")
        ("show-pieces", "also list every piece hash: v1 SHA-1 per piece, v2 SHA-256 piece layers per file")
        ("json", "print JSON instead of text (schema: docs/inspect-json.md)")
        ("config", po::value<std::string>(), "accepted like every command; inspect reads no configuration")
        ("state-dir", po::value<std::string>(), "accepted like every command; inspect keeps no state");
    po::options_description hidden;
    hidden.add_options()
        ("torrent", po::value<std::string>(), ".torrent file");
    // clang-format on
    po::positional_options_description positional;
    positional.add("torrent", 1);

    po::variables_map vm;
    if (!cli::parse_command_line(ctx.args, desc, hidden, positional, vm, "inspect"))
        return exit_bad_input;
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return exit_ok;
    }
    if (!vm.count("torrent")) {
        std::cerr << "picotorrent inspect: a .torrent file is required (see picotorrent inspect --help)\n";
        return exit_bad_input;
    }

    auto const& path = vm["torrent"].as<std::string>();
    try {
        auto const report = cli::read_metainfo_file(path);
        // libtorrent numbers tiers with 8 bits: tier 257 joins tier 1, and so on.
        if (report.announce_list.size() > max_tracker_tiers)
            std::cerr << "picotorrent inspect: warning: " << report.announce_list.size()
                      << " tracker tiers listed; libtorrent keeps at most " << max_tracker_tiers
                      << " and merges the rest into earlier tiers\n";
        bool const show_pieces = vm.count("show-pieces") > 0;
        if (vm.count("json"))
            std::cout << cli::report_to_json_text(report, show_pieces) << '\n';
        else
            cli::write_text_report(std::cout, report, show_pieces);
    } catch (cli::metainfo_error const& e) {
        std::cerr << "picotorrent inspect: " << cli::echo(path, 300) << ": " << e.what() << '\n';
        return exit_bad_input;
    }
    return std::cout.flush() ? exit_ok : exit_failure;
}

} // namespace pico::app
