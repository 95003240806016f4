// `picotorrent create`: hashes a file or directory into a .torrent (hybrid unless
// --v1-only or --v2-only), showing progress on stderr, and writes it atomically.
#include "app/command.hpp"
#include "cli/command_line.hpp"
#include "cli/hash_progress.hpp"
#include "cli/metainfo_reader.hpp"
#include "cli/torrent_creator.hpp"
#include "util/atomic_file.hpp"
#include "util/exit_codes.hpp"
#include "util/host_version.hpp"

#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace po = boost::program_options;

namespace pico::app {
namespace {

// Turns the parsed options into create_options; throws cli::create_error (one line).
cli::create_options read_create_options(po::variables_map const& vm)
{
    if (!vm.count("path"))
        throw cli::create_error("a file or directory to share is required");
    if (!vm.count("output"))
        throw cli::create_error("-o OUT is required");
    if (vm.count("v1-only") && vm.count("v2-only"))
        throw cli::create_error("--v1-only and --v2-only cannot be combined");
    // Checked before hashing, which may take minutes.
    std::error_code ec;
    if (!vm.count("force") && std::filesystem::symlink_status(vm["output"].as<std::string>(), ec).type() !=
                                  std::filesystem::file_type::not_found)
        throw cli::create_error(vm["output"].as<std::string>() +
                                " already exists; give --force to replace it");

    cli::create_options o;
    o.source = vm["path"].as<std::string>();
    if (vm.count("tracker"))
        o.trackers = vm["tracker"].as<std::vector<std::string>>();
    if (vm.count("web-seed"))
        o.web_seeds = vm["web-seed"].as<std::vector<std::string>>();
    if (vm.count("piece-size"))
        o.piece_size = cli::piece_size_from_kib(vm["piece-size"].as<std::int64_t>());
    o.is_private = vm.count("private") > 0;
    if (vm.count("v1-only"))
        o.format = cli::torrent_format::v1_only;
    else if (vm.count("v2-only"))
        o.format = cli::torrent_format::v2_only;
    if (vm.count("comment"))
        o.comment = vm["comment"].as<std::string>();
    o.creator = std::string("PicoTorrent ") + host_version;
    return o;
}

} // namespace

int run_create_command(command_context const& ctx)
{
    po::options_description desc(
        "usage: picotorrent create <path> -o OUT [options]\n\n"
        "The default output is a hybrid v1 + v2 torrent. Some older tools cannot read hybrid or v2\n"
        "torrents (Debian 12's transmission-show, Transmission 3.00, refuses them); give --v1-only\n"
        "for those. create prints the info hashes and the magnet link.\n\n"
        "options");
    // clang-format off
    desc.add_options()
        ("help,h", "show this help")
        ("output,o", po::value<std::string>(), "where to write the .torrent (required; an existing file is refused unless --force)")
        ("force", "replace OUT when it already exists")
        ("tracker", po::value<std::vector<std::string>>()->composing(), "announce URL; each one is its own tier, in order (repeatable)")
        ("web-seed", po::value<std::vector<std::string>>()->composing(), "BEP 19 web seed URL (repeatable)")
        ("piece-size", po::value<std::int64_t>(), "piece size in KiB, a power of two >= 16 (default: chosen from the total size)")
        ("private", "set the private flag (BEP 27): peers only from the trackers")
        ("v1-only", "BitTorrent v1 metadata only (default: hybrid v1 + v2)")
        ("v2-only", "BitTorrent v2 metadata only (default: hybrid v1 + v2)")
        ("comment", po::value<std::string>(), "comment to store in the torrent")
        ("config", po::value<std::string>(), "accepted like every command; create reads no configuration")
        ("state-dir", po::value<std::string>(), "accepted like every command; create keeps no state");
    po::options_description hidden;
    hidden.add_options()
        ("path", po::value<std::string>(), "file or directory to share");
    // clang-format on
    po::positional_options_description positional;
    positional.add("path", 1);

    po::variables_map vm;
    if (!cli::parse_command_line(ctx.args, desc, hidden, positional, vm, "create"))
        return exit_bad_input;
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return exit_ok;
    }

    bool const tty = ::isatty(STDERR_FILENO) == 1;
    cli::hash_progress progress(std::cerr, tty,
                                tty ? std::chrono::milliseconds(100) : std::chrono::seconds(5));
    try {
        auto const options = read_create_options(vm);
        auto const output = vm["output"].as<std::string>();
        auto const torrent =
            cli::create_torrent_file(options, [&](int done, int total) { progress.update(done, total); });
        progress.finish();
        util::write_file_atomically(output, std::string_view(torrent.data.data(), torrent.data.size()));
        if (!torrent.info_hash_v1.empty())
            std::cout << "info hash v1: " << torrent.info_hash_v1 << '\n';
        if (!torrent.info_hash_v2.empty())
            std::cout << "info hash v2: " << torrent.info_hash_v2 << '\n';
        std::cout
            << "magnet:       "
            << cli::read_metainfo(std::string_view(torrent.data.data(), torrent.data.size())).magnet_link
            << '\n';
        std::cout << "output:       " << output << '\n';
    } catch (cli::create_error const& e) {
        progress.finish();
        std::cerr << "picotorrent create: " << e.what() << '\n';
        return exit_bad_input;
    } catch (std::exception const& e) {
        progress.finish();
        std::cerr << "picotorrent create: " << e.what() << '\n';
        return exit_failure;
    }
    return exit_ok;
}

} // namespace pico::app
