#!/bin/sh
# Fan-out benchmark of the WebSocket plugin (not a ctest test).
#   bench/websocket/run.sh [BUILD_DIR] [websocket_bench options]
# Builds websocket_bench in BUILD_DIR (default: build) and runs two scenarios on loopback:
# every torrent changing every second (worst case) and 10% changing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
build=${1:-"$here/../../build"}
[ $# -gt 0 ] && shift
cmake --build "$build" --target websocket_bench >/dev/null
bench="$build/bin/websocket_bench"
echo "== 1000 torrents, all changing every second, 100 clients"
"$bench" --torrents 1000 --clients 100 --seconds 10 --changed 1.0 "$@"
echo "== 1000 torrents, 10% changing every second, 100 clients"
"$bench" --torrents 1000 --clients 100 --seconds 10 --changed 0.1 "$@"
