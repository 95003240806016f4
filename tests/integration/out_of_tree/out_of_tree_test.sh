#!/usr/bin/env bash
# Out-of-tree plugin test: what a third-party plugin author does, end to end.
#   1. install this build tree into a temporary prefix and check the layout;
#   2. copy examples/event_logger elsewhere and build it with Ninja against that prefix
#      (find_package(PicoTorrent) + pico_add_plugin, as C++17);
#      and run its unit test, written against the installed SDK's fake host;
#   3. `picotorrent plugins --json` reports it compatible, with the right SDK version;
#   4. `picotorrent run` loads it: its host_started / host_stopping lines reach stderr,
#      and SIGTERM ends the host cleanly.
# Network: the host listens on 127.0.0.1 only, with DHT, LSD, UPnP and NAT-PMP off.
set -euo pipefail

usage() { echo "usage: $0 --cmake C --ninja N --cxx CXX --python PY --binary-dir B --example DIR --sdk-version V" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
    case $1 in
        --cmake) cmake=$2 ;;
        --ninja) ninja=$2 ;;
        --cxx) cxx=$2 ;;
        --python) python=$2 ;;
        --binary-dir) binary_dir=$2 ;;
        --example) example=$2 ;;
        --sdk-version) sdk_version=$2 ;;
        *) usage ;;
    esac
    shift 2
done
[[ -n ${cmake:-} && -n ${ninja:-} && -n ${cxx:-} && -n ${python:-} && -n ${binary_dir:-} && -n ${example:-} && -n ${sdk_version:-} ]] || usage
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/pico-out-of-tree.XXXXXX")
host_pid=
cleanup() {
    if [[ -n $host_pid ]] && kill -0 "$host_pid" 2>/dev/null; then
        kill -KILL "$host_pid" 2>/dev/null || true
        wait "$host_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
step() { echo "--- $*"; }

# Runs a command quietly; on failure shows its output and fails the test.
quiet() {
    local log=$work/last-command.log
    if ! "$@" >"$log" 2>&1; then
        cat "$log" >&2
        fail "command failed: $*"
    fi
}

prefix=$work/prefix
step "install $binary_dir into $prefix"
quiet "$cmake" --install "$binary_dir" --prefix "$prefix"
for f in bin/picotorrent bin/btinspect include/picotorrent/sdk/sdk.hpp \
    lib/cmake/PicoTorrent/PicoTorrentConfig.cmake lib/cmake/PicoTorrent/PicoTorrentConfigVersion.cmake \
    lib/cmake/PicoTorrent/PicoTorrentTargets.cmake lib/cmake/PicoTorrent/PicoTorrentPlugin.cmake; do
    [[ -e $prefix/$f ]] || fail "installed prefix lacks $f"
done
# Every installed plugin folder holds its manifest and its library.
for manifest in "$prefix"/lib/picotorrent/plugins/*/plugin.json; do
    [[ -e $manifest ]] || continue
    dir=$(dirname "$manifest")
    [[ -f $dir/$(basename "$dir").so ]] || fail "$dir has a manifest but no $(basename "$dir").so"
done

step "build $(basename "$example") out of tree"
src=$work/src
cp -R "$example" "$src"
build=$work/build
quiet "$cmake" -S "$src" -B "$build" -G Ninja -DCMAKE_MAKE_PROGRAM="$ninja" -DCMAKE_CXX_COMPILER="$cxx" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
quiet "$cmake" --build "$build"
plugin_dir=$build/plugins
[[ -f $plugin_dir/event_logger/event_logger.so ]] || fail "no $plugin_dir/event_logger/event_logger.so"
[[ -f $plugin_dir/event_logger/plugin.json ]] || fail "no $plugin_dir/event_logger/plugin.json"
grep -q -- '-std=c++17' "$build/compile_commands.json" || fail "event_logger was not compiled as C++17"

step "run the plugin's own unit test (the SDK's fake host, from the installed package)"
[[ -x $build/event_logger_test ]] || fail "the out-of-tree build made no event_logger_test"
grep -q "$prefix/include" "$build/compile_commands.json" || fail "event_logger_test did not use the installed SDK"
quiet "$cmake" -E chdir "$build" ctest --output-on-failure

step "install the plugin into a prefix of its own"
quiet "$cmake" --install "$build" --prefix "$work/plugin-prefix"
for f in event_logger.so plugin.json; do
    [[ -f $work/plugin-prefix/lib/picotorrent/plugins/event_logger/$f ]] ||
        fail "plugin install lacks lib/picotorrent/plugins/event_logger/$f"
done

step "picotorrent plugins --plugin-dir $plugin_dir --json"
export XDG_CONFIG_HOME=$work/xdg-config XDG_DATA_HOME=$work/xdg-data
config=$work/PicoTorrent.json
cat >"$config" <<EOF
{
  // Loopback only: nothing in this test may leave 127.0.0.1.
  "save_path": "$work/downloads",
  "update_url": "http://127.0.0.1:9/",
  "session": {
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": false,
    "enable_lsd": false,
    "enable_upnp": false,
    "enable_natpmp": false
  }
}
EOF
status=0
"$prefix/bin/picotorrent" plugins --config "$config" --plugin-dir "$plugin_dir" --json >"$work/plugins.json" \
    2>"$work/plugins.err" || status=$?
[[ $status -eq 0 ]] || { cat "$work/plugins.err" >&2; fail "picotorrent plugins exited with $status"; }
"$python" "$here/check_plugins_json.py" "$work/plugins.json" event_logger "$sdk_version" "$plugin_dir" ||
    { cat "$work/plugins.json" "$work/plugins.err" >&2; fail "picotorrent plugins does not report event_logger as compatible"; }

step "picotorrent run --plugins event_logger, then SIGTERM"
log=$work/run.err
"$prefix/bin/picotorrent" run --config "$config" --state-dir "$work/state" --plugin-dir "$plugin_dir" \
    --plugins event_logger >"$work/run.out" 2>"$log" &
host_pid=$!
# Bounded wait for the plugin to hear host_started; the limit is only a safety net.
for _ in $(seq 1 1200); do
    grep -q '\[event_logger\] host_started' "$log" && break
    kill -0 "$host_pid" 2>/dev/null || break
    sleep 0.1
done
grep -q '\[event_logger\] host_started' "$log" || { cat "$log" >&2; fail "event_logger did not log host_started"; }
kill -TERM "$host_pid"
status=0
wait "$host_pid" || status=$?
host_pid=
[[ $status -eq 0 ]] || { cat "$log" >&2; fail "picotorrent run exited with $status after SIGTERM"; }
for line in "plugin_loaded event_logger" "host_started" "host_stopping"; do
    grep -q "\[event_logger\] $line" "$log" || { cat "$log" >&2; fail "stderr lacks '[event_logger] $line'"; }
done
# Each exactly once, host_started first.
order=$(grep -o '\[event_logger\] host_\(started\|stopping\)' "$log" | tr '\n' ' ')
[[ $order == "[event_logger] host_started [event_logger] host_stopping " ]] ||
    { cat "$log" >&2; fail "unexpected event order: $order"; }

echo "PASS: event_logger built out of tree against $prefix and loaded into the installed host"
