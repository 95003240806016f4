// Fan-out benchmark: the WebSocket plugin on the host double with N torrents whose state
// changes every interval, and M websocketpp clients spread over P processes (bench_client.hpp:
// one thread of clients could not keep up with the server). Reports the CPU the host
// side spends (host thread + the plugin's server thread) per second of wall time, the delay
// from a state change (the event firing) to a client receiving it (p50/p99), and bytes per
// client per second. The change time rides in each torrent's "eta" field (steady clock, µs).
//
//   websocket_bench [--torrents N] [--clients M] [--client-processes P] [--seconds S]
//                   [--changed FRACTION] [--interval-ms I]
#include "bench_client.hpp"
#include "plugin_fixture.hpp"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <dirent.h>
#include <fstream>
#include <iostream>
#include <sstream>
#include <unistd.h>

using namespace pico::websocket::testing;
using clock_type = std::chrono::steady_clock;

namespace {

std::int64_t now_us()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(clock_type::now().time_since_epoch())
        .count();
}

// CPU seconds (user + system) of this process's threads with the given name.
double thread_cpu_seconds(std::string const& name)
{
    double total = 0;
    long const ticks = ::sysconf(_SC_CLK_TCK);
    DIR* d = ::opendir("/proc/self/task");
    if (!d)
        return 0;
    while (dirent* e = ::readdir(d)) {
        if (e->d_name[0] == '.')
            continue;
        std::string const base = std::string("/proc/self/task/") + e->d_name;
        std::ifstream comm(base + "/comm");
        std::string thread_name;
        std::getline(comm, thread_name);
        if (thread_name != name)
            continue;
        std::ifstream stat(base + "/stat");
        std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
        // Fields after the parenthesised name: state is field 3, utime 14, stime 15.
        std::istringstream rest(text.substr(text.rfind(')') + 2));
        std::string field;
        long utime = 0;
        long stime = 0;
        for (int i = 3; i <= 15 && rest >> field; ++i) {
            if (i == 14)
                utime = std::stol(field);
            if (i == 15)
                stime = std::stol(field);
        }
        total += static_cast<double>(utime + stime) / static_cast<double>(ticks);
    }
    ::closedir(d);
    return total;
}

std::int64_t percentile(std::vector<std::int64_t> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

} // namespace

int main(int argc, char** argv)
try {
    if (argc == 4 && std::string(argv[1]) == "--client")
        return pico::websocket::bench::run_client(argv[2], std::stoi(argv[3]));
    int torrents = 1000;
    int clients = 100;
    int processes = 4;
    int seconds = 10;
    double changed = 1.0;
    int interval_ms = 1000;
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string const a = argv[i];
        if (a == "--torrents")
            torrents = std::stoi(argv[i + 1]);
        else if (a == "--clients")
            clients = std::stoi(argv[i + 1]);
        else if (a == "--client-processes")
            processes = std::max(1, std::stoi(argv[i + 1]));
        else if (a == "--seconds")
            seconds = std::stoi(argv[i + 1]);
        else if (a == "--changed")
            changed = std::stod(argv[i + 1]);
        else if (a == "--interval-ms")
            interval_ms = std::stoi(argv[i + 1]);
        else
            throw std::invalid_argument("unknown option " + a);
    }

    running_plugin p;
    std::vector<pico::sdk::torrent_snapshot> all;
    for (int i = 0; i < torrents; ++i) {
        std::string const n = std::to_string(i);
        auto t = make_snapshot(std::string(40 - n.size(), '0') + n, "placeholder torrent " + n);
        t.status = pico::sdk::status_code::downloading_paused;
        all.push_back(t);
    }
    p.host().set_torrents(all);

    namespace bench = pico::websocket::bench;
    std::vector<bench::client_process> children;
    for (int i = 0; i < processes; ++i) {
        int const share = clients / processes + (i < clients % processes ? 1 : 0);
        if (share > 0)
            children.push_back(bench::spawn_client(p.url(), share));
    }
    for (auto const& c : children)
        bench::wait_ready(c);

    int const per_tick = std::max(1, static_cast<int>(changed * torrents));
    double const cpu_host0 = thread_cpu_seconds("pico-host");
    double const cpu_ws0 = thread_cpu_seconds("pico-websocket");
    auto const started = clock_type::now();
    int const ticks = seconds * 1000 / interval_ms;
    for (int tick = 0; tick < ticks; ++tick) {
        std::this_thread::sleep_until(started + std::chrono::milliseconds(interval_ms) * tick);
        pico::sdk::torrents_updated_event e;
        auto const stamp = now_us();
        for (int k = 0; k < per_tick; ++k) {
            auto& t = all[static_cast<std::size_t>((tick * per_tick + k) % torrents)];
            t.progress = std::fmod(t.progress + 0.01, 1.0);
            t.download_rate = (t.download_rate + 4096) % 10'000'000;
            t.eta = stamp;
            e.torrents.push_back(t);
        }
        p.host().fire(e);
    }
    std::this_thread::sleep_until(started + std::chrono::milliseconds(interval_ms) * ticks);
    // Let the last tick arrive before stopping the counters.
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    double const wall = std::chrono::duration<double>(clock_type::now() - started).count();
    double const cpu_host = thread_cpu_seconds("pico-host") - cpu_host0;
    double const cpu_ws = thread_cpu_seconds("pico-websocket") - cpu_ws0;
    std::vector<std::int64_t> delays_us;
    std::uint64_t bytes = 0;
    std::uint64_t messages = 0;
    double cpu_clients = 0;
    for (auto& c : children) {
        auto f = bench::finish(c);
        delays_us.insert(delays_us.end(), f.delays_us.begin(), f.delays_us.end());
        bytes += f.bytes;
        messages += f.messages;
        cpu_clients += f.cpu_seconds;
    }
    auto const stats = p.plugin().stats();
    p.stop();

    std::cout << "torrents " << torrents << ", changed per tick " << per_tick << ", clients " << clients
              << ", ticks " << ticks << " every " << interval_ms << " ms\n"
              << "host CPU per second: host thread " << 100 * cpu_host / wall << "%, websocket thread "
              << 100 * cpu_ws / wall << "%, total " << 100 * (cpu_host + cpu_ws) / wall << "% of one core\n"
              << "client CPU (all " << clients << " clients in " << children.size()
              << " processes, whole run incl. connecting): " << cpu_clients << " s\n"
              << "delay change -> delivery: p50 " << percentile(delays_us, 0.50) / 1000.0 << " ms, p99 "
              << percentile(delays_us, 0.99) / 1000.0 << " ms, max " << percentile(delays_us, 1.0) / 1000.0
              << " ms (" << delays_us.size() << " deliveries, expected " << ticks * clients << ")\n"
              << "bytes per client per second: " << static_cast<double>(bytes) / clients / wall
              << " (message size " << (messages ? bytes / messages : 0) << " bytes)\n"
              << "dropped clients: " << stats.dropped << "\n";
    return 0;
} catch (std::exception const& e) {
    std::cerr << "websocket_bench: " << e.what() << '\n';
    return 1;
}
