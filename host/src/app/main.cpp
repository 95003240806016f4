// `picotorrent` (and its alias `btinspect`): dispatches to a subcommand.
#include "app/command.hpp"
#include "cli/echo.hpp"
#include "util/exit_codes.hpp"
#include "util/host_version.hpp"

#include <exception>
#include <filesystem>
#include <iostream>

namespace {

pico::app::command const* find_command(std::string_view name)
{
    for (auto const& c : pico::app::commands()) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

void print_usage(std::ostream& out)
{
    out << "usage: picotorrent <command> [options]\n\ncommands:\n";
    for (auto const& c : pico::app::commands())
        out << "  " << c.name << std::string(c.name.size() < 10 ? 10 - c.name.size() : 1, ' ') << c.summary
            << '\n';
    out << "\n`picotorrent <command> --help` describes a command's options.\n";
}

} // namespace

int main(int argc, char** argv)
try {
    pico::app::command_context ctx;
    ctx.argv0 = argc > 0 ? argv[0] : "picotorrent";
    if (argc < 2) {
        print_usage(std::cerr);
        return pico::exit_bad_input;
    }
    std::string_view const name = argv[1];
    if (name == "--version" || name == "version") {
        std::cout << "picotorrent " << pico::host_version << '\n';
        return pico::exit_ok;
    }
    if (name == "--help" || name == "-h" || name == "help") {
        // `help run` is `run --help`.
        if (argc > 2) {
            if (auto const* c = find_command(argv[2])) {
                ctx.args = {"--help"};
                return c->run(ctx);
            }
            std::cerr << "picotorrent: unknown command '" << pico::cli::echo(argv[2])
                      << "' (see picotorrent --help)\n";
            return pico::exit_bad_input;
        }
        print_usage(std::cout);
        return pico::exit_ok;
    }
    for (int i = 2; i < argc; ++i)
        ctx.args.emplace_back(argv[i]);
    if (auto const* c = find_command(name))
        return c->run(ctx);
    // Like the reference's btinspect there is no default command; a file name gets a hint.
    std::string const program =
        std::filesystem::path(ctx.argv0).filename().string() == "btinspect" ? "btinspect" : "picotorrent";
    std::error_code ec;
    if (std::filesystem::is_regular_file(std::string(name), ec))
        std::cerr << program << ": '" << pico::cli::echo(name)
                  << "' is not a command; to show what it holds: " << program << " inspect "
                  << pico::cli::echo(name) << '\n';
    else
        std::cerr << program << ": unknown command '" << pico::cli::echo(name) << "' (see " << program
                  << " --help)\n";
    return pico::exit_bad_input;
} catch (std::exception const& e) {
    std::cerr << "picotorrent: " << e.what() << '\n';
    return pico::exit_failure;
}
