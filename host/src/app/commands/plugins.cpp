// `picotorrent plugins`: lists every plugin found, with its version, SDK version and whether
// it would load (or why not). Loads and checks libraries but starts nothing.
#include "app/command.hpp"
#include "cli/echo.hpp"
#include "config/config_paths.hpp"
#include "plugins/plugin_manager.hpp"
#include "util/atomic_file.hpp"
#include "util/exit_codes.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

namespace po = boost::program_options;

namespace pico::app {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr char const* plugins_usage =
    "usage: picotorrent plugins [--config F] [--plugin-dir D]... [--plugins a,b | --no-plugins] [--json]";

// A bad command line or config: one line on stderr, exit 2.
struct plugins_usage_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::vector<std::string> split_ids(std::string const& list)
{
    std::vector<std::string> ids;
    std::stringstream ss(list);
    for (std::string id; std::getline(ss, id, ',');) {
        id.erase(0, id.find_first_not_of(" \t"));
        id.erase(id.find_last_not_of(" \t") + 1);
        if (!id.empty())
            ids.push_back(id);
    }
    return ids;
}

// Only the "plugins" key: the full configuration is the config area's business.
std::optional<std::vector<std::string>> config_plugin_list(fs::path const& file)
{
    std::string text;
    try {
        text = util::read_file(file);
    } catch (std::system_error const& e) {
        throw plugins_usage_error(file.string() + ": cannot read: " + e.code().message());
    }
    json doc;
    try {
        doc = json::parse(text, nullptr, true, true);
    } catch (json::exception const& e) {
        throw plugins_usage_error(file.string() + ": " + e.what());
    }
    if (!doc.is_object())
        throw plugins_usage_error(file.string() + ": the configuration must be a JSON object");
    auto const it = doc.find("plugins");
    if (it == doc.end() || it->is_null())
        return std::nullopt;
    if (!it->is_array() || !std::all_of(it->begin(), it->end(), [](json const& v) { return v.is_string(); }))
        throw plugins_usage_error(file.string() + ": \"plugins\" must be an array of plugin ids");
    return it->get<std::vector<std::string>>();
}

// "loaded" (compatible, would start), "front-end" (loads, only `picotorrent gui` starts it),
// "refused", "not selected".
std::string status_of(plugins::plugin_record const& r)
{
    if (r.state == plugins::plugin_state::loaded)
        return r.info.front_end ? "front-end" : "loaded";
    return std::string(plugins::to_string(r.state));
}

// Descriptions come from manifests: escaped, and cut so a row stays readable.
std::string short_description(std::string const& text)
{
    constexpr std::size_t max_width = 48;
    std::string d = cli::echo(text, 4 * max_width);
    if (d.size() > max_width)
        d = d.substr(0, max_width - 3) + "...";
    return d.empty() ? "-" : d;
}

void print_table(std::vector<plugins::plugin_record> const& records, std::ostream& out)
{
    std::size_t id_w = 2, version_w = 7, sdk_w = 3, description_w = 11;
    for (auto const& r : records) {
        id_w = std::max(id_w, r.info.id.size());
        version_w = std::max(version_w, r.info.version.size());
        sdk_w = std::max(sdk_w, r.info.sdk_version.size());
        description_w = std::max(description_w, short_description(r.info.description).size());
    }
    auto pad = [](std::string const& s, std::size_t w) { return s + std::string(w - s.size() + 2, ' '); };
    out << pad("ID", id_w) << pad("VERSION", version_w) << pad("SDK", sdk_w)
        << pad("DESCRIPTION", description_w) << "STATUS\n";
    for (auto const& r : records) {
        auto status = status_of(r);
        if (r.state == plugins::plugin_state::refused)
            status += ": " + r.reason;
        out << pad(r.info.id, id_w) << pad(r.info.version, version_w) << pad(r.info.sdk_version, sdk_w)
            << pad(short_description(r.info.description), description_w) << status << '\n';
    }
}

json to_json(std::vector<plugins::plugin_record> const& records)
{
    json out = json::array();
    for (auto const& r : records) {
        out.push_back({{"id", r.info.id},
                       {"name", r.info.name},
                       {"description", r.info.description},
                       {"version", r.info.version},
                       {"sdk_version", r.info.sdk_version},
                       {"status", status_of(r)},
                       {"reason", r.reason},
                       {"directory", r.directory.string()},
                       {"depends", r.info.depends},
                       {"front_end", r.info.front_end},
                       {"fail_closed", r.info.fail_closed},
                       {"options", r.info.options}});
    }
    return out;
}

int list_plugins(std::vector<std::string> const& args)
{
    po::options_description desc("options");
    // clang-format off
    desc.add_options()
        ("help,h", "show this help")
        ("config", po::value<std::string>(), "configuration file whose \"plugins\" list selects plugins")
        ("plugin-dir", po::value<std::vector<std::string>>()->composing(), "also look for plugins in this folder (repeatable)")
        ("plugins", po::value<std::string>(), "comma-separated plugin ids to load")
        ("no-plugins", "load no plugins")
        ("state-dir", po::value<std::string>(), "accepted like every command; listing plugins keeps no state")
        ("json", "print a JSON array instead of a table");
    // clang-format on
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(desc).run(), vm);
        po::notify(vm);
    } catch (po::error const& e) {
        throw plugins_usage_error(e.what());
    }
    if (vm.count("help")) {
        std::cout << plugins_usage << "\n\n" << desc;
        return exit_ok;
    }

    plugins::selection sel;
    if (vm.count("plugins") && vm.count("no-plugins"))
        throw plugins_usage_error("--plugins and --no-plugins cannot be combined");
    sel.none = vm.count("no-plugins") > 0;
    if (vm.count("plugins")) {
        sel.only = split_ids(vm["plugins"].as<std::string>());
        if (sel.only->empty())
            throw plugins_usage_error("--plugins needs at least one plugin id (--no-plugins selects none)");
    } else if (vm.count("config")) {
        sel.only = config_plugin_list(vm["config"].as<std::string>());
    }
    // Front ends are checked too: the listing says whether `picotorrent gui` could start them.
    sel.allow_front_end = true;

    std::vector<fs::path> dirs;
    if (vm.count("plugin-dir")) {
        for (auto const& d : vm["plugin-dir"].as<std::vector<std::string>>())
            dirs.emplace_back(d);
    }
    for (auto& d : plugins::plugin_manager::default_search_dirs(config::executable_dir()))
        dirs.push_back(std::move(d));

    // Every refusal is in the listing itself; the log would only repeat it.
    plugins::plugin_manager manager(nullptr);
    manager.discover(dirs);
    manager.select(sel);
    manager.load_only();
    auto const records = manager.records();

    if (sel.only) {
        for (auto const& id : *sel.only) {
            if (std::none_of(records.begin(), records.end(), [&](auto const& r) { return r.info.id == id; }))
                std::cerr << "picotorrent plugins: plugin '" << id << "' is selected but not installed\n";
        }
    }
    if (vm.count("json")) {
        std::cout << to_json(records).dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    } else if (records.empty()) {
        std::cout << "no plugins found in:";
        for (auto const& d : dirs)
            std::cout << ' ' << d.string();
        std::cout << '\n';
    } else {
        print_table(records, std::cout);
    }
    return exit_ok;
}

} // namespace

int run_plugins_command(command_context const& ctx)
{
    try {
        return list_plugins(ctx.args);
    } catch (plugins_usage_error const& e) {
        std::cerr << "picotorrent plugins: " << e.what() << " (see picotorrent plugins --help)\n";
        return exit_bad_input;
    }
}

} // namespace pico::app
