// `picotorrent remote`: a client of a running host's WebSocket API, like transmission-remote.
// The URL and token come from the flags, else from the local configuration's websocket section.
#include "app/command.hpp"
#include "app/local_websocket.hpp"
#include "app/remote/remote_format.hpp"
#include "app/remote/remote_session.hpp"
#include "config/config_error.hpp"
#include "config/config_paths.hpp"
#include "config/config_schema.hpp"
#include "config/config_store.hpp"
#include "plugins/installed_config_keys.hpp"
#include "plugins/plugin_manager.hpp"
#include "util/exit_codes.hpp"
#include "util/printable.hpp"

#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace pico::app {

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using json = nlohmann::json;
using namespace remote;

constexpr char const* remote_usage =
    "usage: picotorrent remote [--url ws://127.0.0.1:7676] [--token T | --config F] COMMAND [ARGS]\n"
    "commands:\n"
    "  list [--json]                              the torrents, as a table\n"
    "  add MAGNET|FILE... [--save-path D] [--paused]\n"
    "  pause|resume|recheck HASH...|all\n"
    "  remove [--delete-data] HASH...|all\n"
    "  files HASH [--json]     peers HASH [--json]     stats [--json]\n"
    "  watch [--updates N]                        a live table until Ctrl+C (or N updates)\n"
    "  set KEY VALUE                              a setting, e.g. set session.download_rate_limit 500000\n"
    "HASH is an info hash or a unique prefix of 4 or more characters.";

/// A .torrent sent with `add` must fit the server's 1 MiB message limit once base64-encoded.
constexpr std::uintmax_t max_torrent_bytes = 700 * 1024;

struct remote_usage_error {
    std::string message;
};

std::string base64(std::string const& bytes)
{
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t n = static_cast<unsigned char>(bytes[i]) << 16;
        if (i + 1 < bytes.size())
            n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        if (i + 2 < bytes.size())
            n |= static_cast<unsigned char>(bytes[i + 2]);
        out.push_back(alphabet[(n >> 18) & 63]);
        out.push_back(alphabet[(n >> 12) & 63]);
        out.push_back(i + 1 < bytes.size() ? alphabet[(n >> 6) & 63] : '=');
        out.push_back(i + 2 < bytes.size() ? alphabet[n & 63] : '=');
    }
    return out;
}

json add_fields(std::string const& what, po::variables_map const& vm)
{
    json fields;
    if (what.rfind("magnet:?", 0) == 0) {
        fields["magnet"] = what;
    } else {
        std::error_code ec;
        auto const size = fs::file_size(what, ec);
        if (ec)
            throw remote_usage_error{util::printable(what) + ": " + ec.message()};
        if (size > max_torrent_bytes)
            throw remote_usage_error{util::printable(what) +
                                     ": larger than 700 KiB; not a .torrent the host would take"};
        std::ifstream in(what, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!in.good() && !in.eof())
            throw remote_usage_error{util::printable(what) + ": cannot read"};
        fields["torrent"] = base64(bytes);
    }
    if (vm.count("save-path")) // the host wants an absolute path; the user means one relative to here
        fields["save_path"] = fs::absolute(vm["save-path"].as<std::string>()).lexically_normal().string();
    if (vm.count("paused"))
        fields["paused"] = true;
    return fields;
}

// "500000" -> 500000, "true" -> true, "\"x\"" -> "x", anything else -> the text itself.
json setting_value(std::string const& text)
{
    auto parsed = json::parse(text, nullptr, false);
    if (!parsed.is_discarded() && !parsed.is_structured() && !parsed.is_null())
        return parsed;
    return text;
}

struct connection_settings {
    ws_target target;
    std::string token;
};

connection_settings connection_from(po::variables_map const& vm)
{
    connection_settings out;
    std::optional<local_websocket> local;
    std::string config_file;
    if (!vm.count("url") || !vm.count("token")) {
        std::optional<fs::path> from_cli;
        if (vm.count("config"))
            from_cli = vm["config"].as<std::string>();
        auto store = config::config_store::load(
            config::locate_config_file(from_cli, config::executable_dir()),
            from_cli ? config::missing_file::is_error : config::missing_file::is_empty);
        config_file = store.file().string();
        // The websocket plugin's defaults (its port) come from its manifest, as under `run`.
        plugins::add_installed_config_keys(
            store, plugins::plugin_manager::default_search_dirs(config::executable_dir()));
        local = local_websocket_of(config::effective_config(store.document(), store.schema()));
        if (!local)
            throw remote_usage_error{"no --url/--token given, and " + config_file +
                                     " has no enabled websocket plugin to take them from"};
    }
    if (vm.count("url")) {
        try {
            out.target = parse_ws_url(vm["url"].as<std::string>());
        } catch (remote_error const& e) {
            throw remote_usage_error{e.what()};
        }
    } else {
        if (local->port == 0)
            throw remote_usage_error{"websocket.listen_port in " + config_file +
                                     " is 0 (picked at start): give --url"};
        std::string const host =
            local->host.front() == '[' ? local->host.substr(1, local->host.size() - 2) : local->host;
        out.target.tls = local->tls;
        out.target.host = host;
        out.target.port = std::to_string(local->port);
        // The server's own certificate is what a local client trusts it by (self-signed or not).
        out.target.ca_file = local->certificate;
    }
    if (vm.count("ca-file"))
        out.target.ca_file = vm["ca-file"].as<std::string>();
    if (vm.count("token")) {
        out.token = vm["token"].as<std::string>();
    } else {
        out.token = local->token;
        if (out.token.empty())
            throw remote_usage_error{"websocket.token is not set in " + config_file +
                                     " yet (the host generates one on its first start): give --token"};
    }
    return out;
}

void print_json(json const& value)
{
    std::cout << value.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

void watch(remote_session& s, std::int64_t updates)
{
    bool const tty = ::isatty(STDOUT_FILENO) == 1;
    std::int64_t shown = 0;
    auto const draw = [&] {
        // A terminal gets the table redrawn in place; a pipe gets one table per update.
        std::cout << (tty ? "\x1b[H\x1b[2J" : (shown > 0 ? "\n" : "")) << torrent_table(s.torrents())
                  << std::flush;
        ++shown;
    };
    draw();
    (void)s.follow(draw, [&] { return updates > 0 && shown > updates; });
}

int run_remote(po::variables_map const& vm, std::vector<std::string> const& words)
{
    if (words.empty())
        throw remote_usage_error{"missing command"};
    std::string const& cmd = words.front();
    std::vector<std::string> const args(words.begin() + 1, words.end());
    auto const need = [&](std::size_t count, char const* what) {
        if (args.size() != count)
            throw remote_usage_error{cmd + " takes " + what};
    };
    static std::vector<std::string> const known{"list",  "add",   "pause", "resume", "recheck", "remove",
                                                "files", "peers", "stats", "watch",  "set"};
    if (std::find(known.begin(), known.end(), cmd) == known.end())
        throw remote_usage_error{"unknown command '" + util::printable(cmd) + "'"};
    if ((cmd == "add" || cmd == "pause" || cmd == "resume" || cmd == "recheck" || cmd == "remove") &&
        args.empty())
        throw remote_usage_error{cmd + " needs at least one " +
                                 (cmd == "add" ? "magnet link or .torrent file" : "HASH (or all)")};
    if (cmd == "files" || cmd == "peers")
        need(1, "one HASH");
    if (cmd == "set")
        need(2, "KEY VALUE");
    if (cmd == "list" || cmd == "stats" || cmd == "watch")
        need(0, "no arguments");
    std::vector<json> adds;
    if (cmd == "add")
        for (auto const& a : args)
            adds.push_back(add_fields(a, vm)); // bad files are found before connecting

    auto const where = connection_from(vm);
    auto const timeout = std::chrono::seconds(vm["timeout"].as<unsigned>());
    remote_session s(where.target, where.token, timeout);
    bool const as_json = vm.count("json") > 0;

    if (cmd == "list") {
        if (as_json)
            print_json(s.torrents());
        else
            std::cout << torrent_table(s.torrents());
    } else if (cmd == "add") {
        for (auto& fields : adds) {
            auto const r = s.request("add", fields);
            std::cout << r.value("info_hash", std::string())
                      << (r.value("duplicate", false) ? " (already there)" : " added") << '\n';
        }
    } else if (cmd == "pause" || cmd == "resume" || cmd == "recheck" || cmd == "remove") {
        for (auto const& hash : s.resolve(args)) {
            json fields{{"info_hash", hash}};
            if (cmd == "remove")
                fields["delete_data"] = vm.count("delete-data") > 0;
            (void)s.request(cmd, fields);
            std::cout << hash << ' '
                      << (cmd == "pause"     ? "paused"
                          : cmd == "resume"  ? "resumed"
                          : cmd == "recheck" ? "rechecking"
                                             : "removed")
                      << '\n';
        }
    } else if (cmd == "files" || cmd == "peers") {
        auto const hash = s.resolve(args).front();
        auto const r = s.request(cmd, {{"info_hash", hash}});
        if (as_json)
            print_json(r[cmd]);
        else
            std::cout << (cmd == "files" ? file_table(r["files"]) : peer_table(r["peers"]));
    } else if (cmd == "stats") {
        auto const r = s.request("session_stats");
        if (as_json)
            print_json(r["stats"]);
        else
            std::cout << stats_text(r["stats"]);
    } else if (cmd == "watch") {
        watch(s, vm["updates"].as<std::int64_t>());
    } else if (cmd == "set") {
        (void)s.request("set_settings", {{"settings", {{args[0], setting_value(args[1])}}}});
        std::cout << util::printable(args[0]) << " set\n";
    }
    s.close();
    return exit_ok;
}

} // namespace

int run_remote_command(command_context const& ctx)
{
    po::options_description visible(std::string(remote_usage) + "\n\noptions");
    visible.add_options()("help,h", "show this help")(
        "url", po::value<std::string>(), "the host's WebSocket address (default: from the configuration)")(
        "token", po::value<std::string>(), "the host's websocket.token (default: from the configuration)")(
        "config", po::value<std::string>(), "configuration file to read the URL and token from")(
        "ca-file", po::value<std::string>(),
        "PEM file to trust for wss:// (default: websocket.tls.certificate)")(
        "timeout", po::value<unsigned>()->default_value(30),
        "seconds to wait for the host")("json", "list, files, peers, stats: JSON instead of a table")(
        "save-path", po::value<std::string>(), "add: where to save (under the host's allowed roots)")(
        "paused", "add: add paused")("delete-data", "remove: delete the downloaded files too")(
        "updates", po::value<std::int64_t>()->default_value(0),
        "watch: stop after N updates (0: until Ctrl+C)");
    po::options_description all;
    all.add(visible).add_options()("words", po::value<std::vector<std::string>>());
    po::positional_options_description positional;
    positional.add("words", -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(ctx.args).options(all).positional(positional).run(), vm);
        po::notify(vm);
    } catch (po::error const& e) {
        std::cerr << "picotorrent remote: " << e.what() << "\n" << remote_usage << '\n';
        return exit_bad_input;
    }
    if (vm.count("help")) {
        std::cout << visible << '\n';
        return exit_ok;
    }
    try {
        auto const words =
            vm.count("words") ? vm["words"].as<std::vector<std::string>>() : std::vector<std::string>{};
        return run_remote(vm, words);
    } catch (remote_usage_error const& e) {
        std::cerr << "picotorrent remote: " << e.message << '\n';
        return exit_bad_input;
    } catch (config::config_error const& e) {
        std::cerr << "picotorrent remote: " << e.what() << '\n';
        return exit_bad_input;
    } catch (request_refused const& e) {
        std::cerr << "picotorrent remote: " << util::printable(e.what(), 500) << '\n';
        return exit_failure;
    } catch (remote_error const& e) {
        std::cerr << "picotorrent remote: " << util::printable(e.what(), 500) << '\n';
        return exit_failure;
    } catch (std::exception const& e) {
        std::cerr << "picotorrent remote: " << util::printable(e.what(), 500) << '\n';
        return exit_failure;
    }
}

} // namespace pico::app
