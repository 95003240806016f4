// `picotorrent download`: the host in one-shot mode. Loads the plugins the config
// selects, downloads one torrent, prints the written path, exits 0 only when every
// wanted piece is verified.
#include "app/command.hpp"
#include "app/handshake_logger.hpp"
#include "app/host_command_line.hpp"
#include "app/progress_display.hpp"
#include "app/torrent_argument.hpp"
#include "config/config_store.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <filesystem>
#include <iostream>
#include <libtorrent/alert_types.hpp>

namespace po = boost::program_options;

namespace pico::app {
namespace {

bool is_complete(sdk::torrent_snapshot const& t)
{
    return t.has_metadata && t.total_wanted_done == t.total_wanted &&
           (t.state == sdk::torrent_state::finished || t.state == sdk::torrent_state::seeding);
}

// Drives the one-shot download on the host thread: progress, completion, timeout.
class download_watch {
  public:
    download_watch(core::application& app, std::string info_hash, std::chrono::seconds timeout, bool debug)
        : m_app(app), m_info_hash(std::move(info_hash)), m_timeout(timeout), m_debug(debug),
          m_timer(app.io()), m_last_progress(std::chrono::steady_clock::now())
    {
    }

    /// Completion is noticed at once from the host's events, not only at the next tick.
    void start()
    {
        for (auto type : {sdk::event_type::torrent_finished, sdk::event_type::state_changed,
                          sdk::event_type::torrent_error})
            m_events.push_back(m_app.events().subscribe("download", type, [this](sdk::event const&) {
                // After the event's other handlers: check() may stop the host.
                boost::asio::post(m_app.io(), [this] {
                    if (!m_done)
                        m_done = check();
                });
            }));
        tick();
    }

    /// --debug-handshake: the peer handshakes, which no SDK event describes.
    void on_alert(lt::alert const* a) { m_handshakes.on_alert(a); }

  private:
    void tick()
    {
        if (m_done)
            return;
        m_done = check();
        if (m_done)
            return;
        m_timer.expires_after(std::chrono::seconds(1));
        m_timer.async_wait([this](boost::system::error_code const& ec) {
            if (!ec)
                tick();
        });
    }

    // Returns true when the download is over, one way or the other.
    bool check()
    {
        // Asked before the status is read: priorities applied in between show in the status.
        bool const held = m_app.session().files_held(m_info_hash);
        auto t = m_app.session().find(m_info_hash);
        if (!t) {
            stop("the torrent left the session", exit_failure);
            return true;
        }
        if (m_debug) {
            if (auto h = m_app.session().handle(m_info_hash))
                m_handshakes.report_peers(*h);
        }
        // Until the host has handled a magnet's metadata its files are held, not unwanted.
        if (t->has_metadata && t->total_wanted == 0 && t->size > 0 && !held) {
            stop(nothing_wanted(), exit_bad_input);
            return true;
        }
        // A held magnet wants nothing yet, so libtorrent calls it finished: that is not done.
        bool const complete = !held && is_complete(*t);
        m_display.update(*t, complete);
        if (t->status == sdk::status_code::error) {
            stop("download failed: " + t->error, exit_failure);
            return true;
        }
        if (complete) {
            m_display.finish();
            std::cout << (std::filesystem::path(t->save_path) / t->name).string() << std::endl;
            m_app.request_stop(exit_ok);
            return true;
        }
        auto const now = std::chrono::steady_clock::now();
        if (t->total_wanted_done != m_last_done || t->has_metadata != m_had_metadata) {
            m_last_done = t->total_wanted_done;
            m_had_metadata = t->has_metadata;
            m_last_progress = now;
        } else if (now - m_last_progress >= m_timeout) {
            stop("no progress for " + std::to_string(m_timeout.count()) + " seconds (" +
                     std::to_string(t->seeds_connected + t->nonseeds_connected) +
                     " peers connected); giving up, resume data kept",
                 exit_failure);
            return true;
        }
        return false;
    }

    // --include/--exclude left no file to download: printing a path would name one never written.
    std::string nothing_wanted()
    {
        int files = 0;
        if (auto h = m_app.session().handle(m_info_hash); h && h->torrent_file())
            files = h->torrent_file()->num_files();
        return "0 of " + std::to_string(files) +
               " files wanted: --include/--exclude matched nothing (see picotorrent download --help)";
    }

    void stop(std::string const& message, int code)
    {
        m_display.finish();
        std::cerr << "picotorrent download: " << message << '\n';
        m_app.request_stop(code);
    }

    core::application& m_app;
    std::string m_info_hash;
    std::chrono::seconds m_timeout;
    bool m_debug;
    boost::asio::steady_timer m_timer;
    progress_display m_display;
    handshake_logger m_handshakes;
    std::vector<sdk::subscription> m_events;
    std::chrono::steady_clock::time_point m_last_progress;
    std::int64_t m_last_done = -1;
    bool m_had_metadata = false;
    bool m_done = false;
};

// Several seeds on one host share an IP; keyed by IP alone, a self-connection through a
// tracker would ban them all (see seed.cpp). The throughput settings of a download are in
// config/throughput_profile.cpp.
void allow_peers_sharing_an_ip(std::map<std::string, sdk::setting_value>& s)
{
    s["allow_multiple_connections_per_ip"] = true;
}

// libtorrent dials every new peer over uTP first. uTP's delay-based congestion control backs
// off whenever the machine is busy (scheduling delay looks like queueing delay), which on a
// loaded box or a LAN costs a one-shot download most of its speed. So when TCP is allowed,
// dial out over TCP; incoming uTP is still accepted, and with TCP off uTP is used as before.
void prefer_tcp_when_allowed(session::session_host& session)
{
    auto const tcp = session.setting("enable_outgoing_tcp");
    if (!tcp || !std::holds_alternative<bool>(*tcp) || !std::get<bool>(*tcp))
        return;
    if (auto const applied = session.apply_settings({{"enable_outgoing_utp", false}}); !applied.ok)
        std::cerr << "picotorrent: warning: " << applied.error << '\n';
}

} // namespace

int run_download_command(command_context const& ctx)
{
    po::options_description desc(
        "usage: picotorrent download <torrent|magnet> [options]\n\n"
        "Where the download goes: --out-dir DIR if given (--save-path is the same option), else\n"
        "the config's save_path. --include/--exclude patterns are ECMAScript regular expressions\n"
        "matched against each file's whole path inside the torrent (e.g. --include '.*\\.iso' or\n"
        "--include 'disc1/.*'); when no file is left to download, download says so and exits 2.\n\n"
        "options");
    add_host_options(desc);
    // clang-format off
    desc.add_options()
        ("help,h", "show this help")
        ("out-dir", po::value<std::string>(), "directory to write the download into (default: the config's save_path)")
        ("peer", po::value<std::vector<std::string>>()->composing(), "connect to this peer, HOST:PORT or localhost:PORT (repeatable)")
        ("session-timeout", po::value<int>()->default_value(300), "give up after this many seconds without progress")
        ("debug-handshake", "log each connection attempt and handshake")
        ("torrent", po::value<std::vector<std::string>>(), "torrent file or magnet link");
    // clang-format on
    po::positional_options_description positional;
    positional.add("torrent", -1);

    po::variables_map vm;
    if (!parse_command_line(ctx.args, desc, positional, vm, "download"))
        return exit_bad_input;
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return exit_ok;
    }
    if (!vm.count("torrent")) {
        std::cerr << "picotorrent download: a torrent file or magnet link is required\n";
        return exit_bad_input;
    }

    auto const& given = vm["torrent"].as<std::vector<std::string>>();
    if (given.size() > 1) {
        std::cerr << "picotorrent download: one torrent or magnet link at a time (" << given.size()
                  << " given); `picotorrent run` takes several\n";
        return exit_bad_input;
    }

    core::host_options options;
    options.mode = "download";
    torrent_argument torrent;
    try {
        read_host_options(vm, options);
        if (vm.count("out-dir")) {
            auto const out_dir = vm["out-dir"].as<std::string>();
            if (options.save_path && *options.save_path != out_dir)
                throw std::invalid_argument("--out-dir and --save-path are the same option; give one");
            options.save_path = out_dir;
        }
        torrent = read_torrent_argument(given.front());
        if (vm["session-timeout"].as<int>() < 1)
            throw std::invalid_argument("--session-timeout must be at least 1 second");
        if (vm.count("peer")) {
            for (auto const& p : vm["peer"].as<std::vector<std::string>>())
                options.peers.push_back(check_peer_argument(p));
        }
    } catch (std::invalid_argument const& e) {
        std::cerr << "picotorrent download: " << e.what() << '\n';
        return exit_bad_input;
    }
    if (options.save_path)
        options.save_path = std::filesystem::absolute(*options.save_path).lexically_normal().string();
    options.torrents = {given.front()};
    // Only this torrent's resume data comes back: that is what makes a second run continue.
    options.restore_only = std::set<std::string>{torrent.info_hash};
    options.interrupted_exit_code = 130;
    bool const debug = vm.count("debug-handshake") > 0;
    // dht_bootstrap_alert (the session host re-announces on it) is in the dht category.
    int const dht_alerts = static_cast<int>(static_cast<std::uint32_t>(lt::alert_category::dht));
    options.setting_overrides["alert_mask"] =
        std::int64_t(dht_alerts | (debug ? handshake_logger::alert_mask() : 0));
    allow_peers_sharing_an_ip(options.setting_overrides);

    try {
        core::application app(std::move(options));
        std::error_code ec;
        std::filesystem::create_directories(app.paths().default_save_path, ec);
        prefer_tcp_when_allowed(app.session());
        download_watch watch(app, torrent.info_hash, std::chrono::seconds(vm["session-timeout"].as<int>()),
                             debug);
        if (debug)
            app.session().on_alert = [&watch](lt::alert const* a) { watch.on_alert(a); };
        if (!app.start())
            return exit_bad_input;
        watch.start();
        return app.run();
    } catch (config::config_error const& e) {
        std::cerr << "picotorrent: " << e.what() << '\n';
        return exit_bad_input;
    }
}

} // namespace pico::app
