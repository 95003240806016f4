// The measuring side of the fan-out benchmark, run as separate processes so the clients are not
// the bottleneck: `websocket_bench --client URL CONNECTIONS` opens CONNECTIONS raw-socket
// WebSocket clients on one thread (raw_client.cpp), prints "ready" once every one has its
// pico_state, records the delay of every torrent_updated frame (the change time rides in the
// first "eta", steady clock µs, which is system-wide), and when its stdin closes prints its
// figures and exits.
#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace pico::websocket::bench {

/// Runs client mode; returns the exit code.
int run_client(std::string const& url, int connections);

/// A spawned client process, talked to through pipes.
struct client_process {
    pid_t pid = -1;
    int to_child = -1;   // its stdin
    int from_child = -1; // its stdout
};

/// Spawns this executable (/proc/self/exe) in client mode.
client_process spawn_client(std::string const& url, int connections);

/// Blocks until the child printed "ready"; throws if it exited first.
void wait_ready(client_process const& c);

/// What one client process measured.
struct client_figures {
    std::vector<std::int64_t> delays_us;
    std::uint64_t bytes = 0;
    std::uint64_t messages = 0;
    double cpu_seconds = 0; // user + system of the whole process, from wait4
};

/// Closes the child's stdin, reads its figures and reaps it.
client_figures finish(client_process& c);

} // namespace pico::websocket::bench
