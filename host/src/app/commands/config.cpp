// `picotorrent config show`: the effective configuration and the libtorrent settings it maps
// to, as JSON, without starting a session.
#include "app/command.hpp"
#include "app/dashboard_url.hpp"
#include "config/config_check.hpp"
#include "config/config_store.hpp"
#include "plugins/installed_config_keys.hpp"
#include "plugins/plugin_manager.hpp"
#include "util/exit_codes.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <optional>

namespace po = boost::program_options;

namespace pico::app {
namespace {

constexpr char const* config_usage =
    "usage: picotorrent config show|check [--config F] [--state-dir D] [--plugin-dir DIR ...]";

std::filesystem::path absolute_path(std::filesystem::path const& p)
{
    std::error_code ec;
    auto out = std::filesystem::absolute(p, ec);
    return ec ? p : out.lexically_normal();
}

} // namespace

int run_config_command(command_context const& ctx)
{
    po::options_description visible(
        std::string(config_usage) +
        "\n\nactions:\n  show                  print the effective "
        "configuration and its libtorrent settings as JSON (unknown keys "
        "are warned about on stderr)\n  check                 exit 2 with one line "
        "per problem, unknown keys included; else print \"FILE: ok\"\n\noptions");
    visible.add_options()("help,h", "show this help")("config", po::value<std::string>(),
                                                      "configuration file (default: see docs/config.md)")(
        "state-dir", po::value<std::string>(), "state folder (default: $XDG_DATA_HOME/picotorrent)")(
        "plugin-dir", po::value<std::vector<std::string>>()->composing(),
        "also look for plugins (and the config keys they declare) here (repeatable)");
    po::options_description all;
    all.add(visible).add_options()("action", po::value<std::vector<std::string>>());
    po::positional_options_description positional;
    positional.add("action", -1);

    po::variables_map vm;
    try {
        po::store(po::command_line_parser(ctx.args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (po::error const& e) {
        std::cerr << "picotorrent config: " << e.what() << "\n" << config_usage << '\n';
        return exit_bad_input;
    }
    if (vm.count("help")) {
        std::cout << visible << '\n';
        return exit_ok;
    }
    auto const actions =
        vm.count("action") ? vm["action"].as<std::vector<std::string>>() : std::vector<std::string>{};
    if (actions.size() != 1 || (actions.front() != "show" && actions.front() != "check")) {
        std::cerr << "picotorrent config: "
                  << (actions.empty() ? std::string("missing action")
                                      : "unknown action '" + actions.back() + "'")
                  << "\n"
                  << config_usage << '\n';
        return exit_bad_input;
    }

    try {
        std::optional<std::filesystem::path> from_cli;
        if (vm.count("config"))
            from_cli = vm["config"].as<std::string>();
        auto store = config::config_store::load(
            config::locate_config_file(from_cli, config::executable_dir()),
            from_cli ? config::missing_file::is_error : config::missing_file::is_empty);
        // The installed plugins' keys, from their manifests, as `run` would check them.
        std::vector<std::filesystem::path> plugin_dirs;
        if (vm.count("plugin-dir"))
            for (auto const& d : vm["plugin-dir"].as<std::vector<std::string>>())
                plugin_dirs.emplace_back(d);
        for (auto& d : plugins::plugin_manager::default_search_dirs(config::executable_dir()))
            plugin_dirs.push_back(std::move(d));
        plugins::add_installed_config_keys(store, plugin_dirs);
        auto const report = config::check_config(store);
        for (auto const& line : report.unknown_keys)
            std::cerr << "picotorrent: " << (actions.front() == "check" ? "" : "warning: ") << line << '\n';
        for (auto const& line : report.not_validated)
            std::cerr << "picotorrent: note: " << line << '\n';
        if (actions.front() == "check") {
            if (!report.unknown_keys.empty())
                return exit_bad_input;
            // Defaults and libtorrent settings too: what `run` would compute must not throw either.
            (void)config::make_settings_pack(store.document());
            std::cout << absolute_path(store.file()).string() << ": ok\n";
            return exit_ok;
        }
        auto const state_dir = vm.count("state-dir")
                                   ? std::filesystem::path(vm["state-dir"].as<std::string>())
                                   : config::default_state_dir();

        nlohmann::json out;
        out["config_file"] = absolute_path(store.file()).string();
        out["state_dir"] = absolute_path(state_dir).string();
        out["config"] = config::effective_config(store.document(), store.schema());
        // Secrets (the proxy password) are only ever needed by their plugin, and `config show`
        // output ends up in bug reports: show that one is set, not what it is.
        config::mask_secrets(out["config"], store.schema());
        // The web dashboard's address with the token, for the user to open (null: none served).
        auto const url = dashboard_url(out["config"]);
        out["dashboard_url"] = url.empty() ? nlohmann::json() : nlohmann::json(url);
        out["libtorrent"] = config::settings_to_json(config::make_settings_pack(store.document()));
        std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        return exit_ok;
    } catch (config::config_error const& e) {
        std::cerr << "picotorrent: " << e.what() << '\n';
        return exit_bad_input;
    }
}

} // namespace pico::app
