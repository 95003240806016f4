// `picotorrent seed`: verifies the given data against the torrent, then seeds it
// until SIGINT/SIGTERM. Refuses data that does not match.
#include "app/command.hpp"
#include "app/host_command_line.hpp"
#include "app/seed_layout.hpp"
#include "app/torrent_argument.hpp"
#include "config/config_store.hpp"

#include <boost/asio/steady_timer.hpp>
#include <iostream>
#include <libtorrent/torrent_handle.hpp>
#include <libtorrent/torrent_info.hpp>
#include <libtorrent/torrent_status.hpp>

namespace po = boost::program_options;

namespace pico::app {
namespace {

// Waits for libtorrent's check of the data, then either starts seeding or refuses.
class seed_watch {
  public:
    seed_watch(core::application& app, lt::torrent_handle h, std::string host, std::vector<std::string> peers)
        : m_app(app), m_handle(std::move(h)), m_host(std::move(host)), m_peers(std::move(peers)),
          m_timer(app.io())
    {
    }

    void start() { poll(); }

  private:
    void poll()
    {
        auto const st = m_handle.status();
        bool const checking = st.state == lt::torrent_status::checking_files ||
                              st.state == lt::torrent_status::checking_resume_data ||
                              st.state == lt::torrent_status::downloading_metadata;
        if (!checking) {
            decide(st);
            return;
        }
        m_timer.expires_after(std::chrono::milliseconds(100));
        m_timer.async_wait([this](boost::system::error_code const& ec) {
            if (!ec)
                poll();
        });
    }

    void decide(lt::torrent_status const& st)
    {
        if (st.errc) {
            std::cerr << "picotorrent seed: cannot read the data: " << st.errc.message() << '\n';
            m_app.request_stop(exit_bad_input);
            return;
        }
        if (st.num_pieces != st.handle.torrent_file()->num_pieces()) {
            std::cerr << "picotorrent seed: the data does not match the torrent: " << st.num_pieces << " of "
                      << st.handle.torrent_file()->num_pieces() << " pieces verified\n";
            m_app.request_stop(exit_bad_input);
            return;
        }
        m_handle.unset_flags(lt::torrent_flags::upload_mode);
        for (auto const& p : m_peers)
            m_app.session().connect_peer(m_app.session().handle_key(m_handle), p);
        std::cout << "seeding " << st.name << " info hash " << m_app.session().handle_key(m_handle) << " on "
                  << m_host << ':' << m_app.session().listen_port() << std::endl;
    }

    core::application& m_app;
    lt::torrent_handle m_handle;
    std::string m_host;
    std::vector<std::string> m_peers;
    boost::asio::steady_timer m_timer;
};

// The address part of the first session.listen_interfaces entry ("0.0.0.0:6881,[::]:6881" gives
// "0.0.0.0"), for the "seeding ... on HOST:PORT" line.
std::string first_listen_host(session::session_host& session)
{
    auto const value = session.setting("listen_interfaces");
    if (!value || !std::holds_alternative<std::string>(*value))
        return "0.0.0.0";
    std::string entry = std::get<std::string>(*value);
    entry = entry.substr(0, entry.find(','));
    entry = entry.substr(0, entry.rfind(':'));
    if (entry.size() > 2 && entry.front() == '[' && entry.back() == ']')
        entry = entry.substr(1, entry.size() - 2);
    return entry.empty() ? "0.0.0.0" : entry;
}

} // namespace

int run_seed_command(command_context const& ctx)
{
    po::options_description desc("usage: picotorrent seed <torrent> <data> [options]\n\noptions");
    add_host_options(desc);
    // clang-format off
    desc.add_options()
        ("help,h", "show this help")
        ("host", po::value<std::string>(), "address to listen on (default: the config's session.listen_interfaces; with only --port, 0.0.0.0)")
        ("port", po::value<int>(), "port to listen on, 0: any free port (default: the config's session.listen_interfaces; with only --host, 6881)")
        ("peer", po::value<std::vector<std::string>>()->composing(), "also connect out to this leecher, HOST:PORT (repeatable)")
        ("torrent", po::value<std::string>(), "torrent file")
        ("data", po::value<std::string>(), "the payload: a file, a directory, or the concatenated files");
    // clang-format on
    po::positional_options_description positional;
    positional.add("torrent", 1).add("data", 1);

    po::variables_map vm;
    if (!parse_command_line(ctx.args, desc, positional, vm, "seed"))
        return exit_bad_input;
    if (vm.count("help")) {
        std::cout << desc << '\n';
        return exit_ok;
    }
    if (!vm.count("torrent") || !vm.count("data")) {
        std::cerr << "picotorrent seed: a torrent file and its data are required\n";
        return exit_bad_input;
    }

    core::host_options options;
    options.mode = "seed";
    options.persist = false; // the data is verified at every start; nothing to resume
    torrent_argument torrent;
    // The config's session.listen_interfaces wins unless a flag is given.
    bool const listen_flag = vm.count("host") || vm.count("port");
    std::string host = vm.count("host") ? vm["host"].as<std::string>() : "0.0.0.0";
    int const port = vm.count("port") ? vm["port"].as<int>() : 6881;
    try {
        read_host_options(vm, options);
        // A file filter only chooses what is downloaded, and a seed downloads nothing: an
        // --include or --exclude here would be silently ignored, so say so instead.
        for (auto const& [name, values] : options.plugin_options) {
            if (!values.empty())
                throw std::invalid_argument("--" + name +
                                            " applies to download and run; seed shares every file it has");
        }
        torrent = read_torrent_argument(vm["torrent"].as<std::string>());
        if (torrent.magnet)
            throw std::invalid_argument("seed needs a .torrent file, not a magnet link");
        if (port < 0 || port > 65535)
            throw std::invalid_argument("--port must be 0..65535");
        if (vm.count("peer")) {
            for (auto const& p : vm["peer"].as<std::vector<std::string>>())
                (void)check_peer_argument(p); // throws here, inside the usage-error handler
        }
    } catch (std::invalid_argument const& e) {
        std::cerr << "picotorrent seed: " << e.what() << '\n';
        return exit_bad_input;
    }
    if (listen_flag) {
        bool const v6 = host.find(':') != std::string::npos;
        options.setting_overrides["listen_interfaces"] =
            (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
    }
    // Leechers on one host (or behind one NAT) share an IP. libtorrent otherwise keys peers by IP
    // alone, and once a tracker hands the seed its own address, "connected to ourselves" bans that
    // IP, and with it every leecher on it (seen with aria2c through opentracker on loopback).
    options.setting_overrides["allow_multiple_connections_per_ip"] = true;
    std::vector<std::string> peers;
    if (vm.count("peer")) {
        for (auto const& p : vm["peer"].as<std::vector<std::string>>())
            peers.push_back(check_peer_argument(p));
    }

    try {
        core::application app(std::move(options));
        auto atp = torrent.params;
        try {
            map_seed_data(atp, vm["data"].as<std::string>(),
                          std::filesystem::path(app.paths().state_dir) / "seed" / torrent.info_hash);
        } catch (std::exception const& e) {
            std::cerr << "picotorrent seed: " << e.what() << '\n';
            return exit_bad_input;
        }
        if (!listen_flag)
            host = first_listen_host(app.session());
        if (!app.start())
            return exit_bad_input;
        // upload_mode: while libtorrent checks the data, nothing may be downloaded into it.
        atp.flags |= lt::torrent_flags::upload_mode;
        atp.flags &= ~(lt::torrent_flags::auto_managed | lt::torrent_flags::paused);
        // Through the host's one add path: plugins' add hooks see (and may refuse) it too.
        sdk::add_torrent_request request;
        request.source = sdk::torrent_source::file;
        request.location = vm["torrent"].as<std::string>();
        auto const added = app.session().add_params(std::move(atp), request);
        auto const h = added.ok ? app.session().handle(added.info_hash) : std::nullopt;
        if (!h) {
            std::cerr << "picotorrent seed: "
                      << (added.error.empty() ? "the torrent was not added" : added.error) << '\n';
            return exit_bad_input;
        }
        // A seed serves every file it has, whatever priorities a filter's hook chose.
        h->prioritize_files(std::vector<lt::download_priority_t>(
            static_cast<std::size_t>(h->torrent_file()->num_files()), lt::default_priority));
        seed_watch watch(app, *h, host, peers);
        watch.start();
        return app.run();
    } catch (config::config_error const& e) {
        std::cerr << "picotorrent: " << e.what() << '\n';
        return exit_bad_input;
    }
}

} // namespace pico::app
