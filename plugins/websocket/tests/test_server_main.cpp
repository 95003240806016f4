// The plugin on the host double, controlled line by line over stdin, so clients we did not
// write (Python's websockets) can be tested against it:
//   websocket_test_server ['<websocket section JSON>']
// prints "READY <port> <token>", then answers each command line with one line:
//   torrents N | add HASH NAME | update HASH PROGRESS | finish HASH | remove HASH | stats | quit
#include "plugin_fixture.hpp"

#include <iostream>
#include <sstream>

using namespace pico::websocket::testing;

int main(int argc, char** argv)
try {
    auto section = argc > 1 ? nlohmann::json::parse(argv[1]) : nlohmann::json::object();
    running_plugin p(std::move(section));
    std::cout << "READY " << p.port() << ' ' << p.token() << std::endl;

    for (std::string line; std::getline(std::cin, line);) {
        std::istringstream in(line);
        std::string what;
        std::string hash;
        in >> what >> hash;
        if (what == "quit")
            break;
        if (what == "torrents") {
            std::vector<pico::sdk::torrent_snapshot> all;
            for (int i = 0, n = std::stoi(hash); i < n; ++i) {
                std::string h = std::to_string(i);
                all.push_back(
                    make_snapshot(std::string(40 - h.size(), '0') + h, "torrent " + std::to_string(i)));
            }
            p.host().set_torrents(std::move(all));
        } else if (what == "add") {
            std::string name;
            std::getline(in >> std::ws, name);
            pico::sdk::torrent_added_event e;
            e.torrent = make_snapshot(hash, name);
            p.host().fire(e);
        } else if (what == "update") {
            double progress = 0;
            in >> progress;
            pico::sdk::torrents_updated_event e;
            e.torrents.push_back(make_snapshot(hash, "updated"));
            e.torrents.back().progress = progress;
            p.host().fire(e);
        } else if (what == "finish") {
            pico::sdk::torrent_finished_event e;
            e.torrent = make_snapshot(hash, "finished");
            e.torrent.progress = 1.0;
            e.torrent.status = pico::sdk::status_code::uploading;
            p.host().fire(e);
        } else if (what == "remove") {
            pico::sdk::torrent_removed_event e;
            e.info_hash = hash;
            p.host().fire(e);
        } else if (what == "stats") {
            auto const s = p.plugin().stats();
            std::cout << "stats accepted=" << s.accepted << " refused=" << s.refused
                      << " dropped=" << s.dropped << " open=" << s.open
                      << " off_thread=" << p.host().off_thread_calls() << std::endl;
            continue;
        } else {
            std::cout << "error unknown command" << std::endl;
            continue;
        }
        std::cout << "ok" << std::endl;
    }
    p.stop();
    return p.host().off_thread_calls() == 0 ? 0 : 1;
} catch (std::exception const& e) {
    std::cerr << "websocket_test_server: " << e.what() << '\n';
    return 1;
}
