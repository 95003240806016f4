#!/usr/bin/env bash
# Installs the built .deb packages with apt on this machine and uses them as a user would:
#   packaging/tests/deb_install_test.sh <folder of .deb files> <expected version>
#   1. apt-get install ./*.deb; /usr/bin/picotorrent --version and `plugins` (every plugin pack);
#   2. systemd-analyze verify the installed user unit; man -l the installed page;
#   3. a loopback download with the installed plugins (seed + download --peer 127.0.0.1:P);
#   4. build examples/event_logger, as shipped in picotorrent-sdk-dev, against /usr, package it
#      with cpack, install that .deb and see `plugins` list it;
#   5. a user-level pack in $XDG_DATA_HOME/picotorrent/plugins is found; one claiming a newer SDK
#      minor is refused with one line;
#   6. remove one plugin package: `plugins` no longer lists it;
#   7. purge everything: no file of any package is left.
# Needs root and apt (CI runs as root on a fresh machine); otherwise it says so and exits 0.
# Network: every session listens on 127.0.0.1 with DHT, LSD, UPnP and NAT-PMP off.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 <folder of .deb files> <expected version>" >&2; exit 2; }
debs=$(cd "$1" && pwd)
version=$2

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null; then
    echo "SKIP: the package install test needs root and apt-get (it installs the .debs system-wide)"
    exit 0
fi
if dpkg-query -W -f='${Status}\n' picotorrent 2>/dev/null | grep -q 'install ok installed'; then
    echo "FAIL: a picotorrent package is already installed; purge it first (apt-get purge 'picotorrent*')" >&2
    exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/pico-deb-test.XXXXXX")
chmod 755 "$work"
seeder_pid=
installed=()
cleanup() {
    if [[ -n $seeder_pid ]] && kill -0 "$seeder_pid" 2>/dev/null; then
        kill "$seeder_pid" 2>/dev/null || true
        wait "$seeder_pid" 2>/dev/null || true
    fi
    # Never leave this machine with our packages installed, even after a failure.
    # dpkg, not apt: apt no longer knows a removed local package by name (state rc).
    if ((${#installed[@]})); then
        dpkg --purge "${installed[@]}" >/dev/null 2>&1 || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
step() { echo "--- $*"; }
quiet() {
    if ! "$@" >"$work/last.log" 2>&1; then
        cat "$work/last.log" >&2
        fail "command failed: $*"
    fi
}
apt_quiet() { DEBIAN_FRONTEND=noninteractive quiet apt-get "$@"; }
export HOME=$work/home XDG_CONFIG_HOME=$work/home/.config XDG_DATA_HOME=$work/home/.local/share
mkdir -p "$HOME"
pt=/usr/bin/picotorrent

mapfile -t packages < <(for d in "$debs"/*.deb; do dpkg-deb -f "$d" Package; done)
((${#packages[@]})) || fail "no .deb files in $debs"
step "apt-get install ${packages[*]}"
installed=("${packages[@]}")
apt_quiet install -y -qq --no-install-recommends "$debs"/*.deb
for p in "${packages[@]}"; do
    dpkg-query -L "$p" >>"$work/files.list"
done

step "picotorrent --version and plugins"
got=$("$pt" --version)
[[ $got == "picotorrent $version" ]] || fail "--version printed '$got', not 'picotorrent $version'"
[[ $(readlink /usr/bin/btinspect) == picotorrent ]] || fail "/usr/bin/btinspect is not a link to picotorrent"
"$pt" plugins >"$work/plugins.txt" 2>&1 || { cat "$work/plugins.txt" >&2; fail "picotorrent plugins failed"; }
plugin_ids=()
for p in "${packages[@]}"; do
    [[ $p == picotorrent-plugin-* ]] || continue
    id=$(basename "$(dirname "$(dpkg-query -L "$p" | grep '/plugin.json$')")")
    plugin_ids+=("$id")
    grep -q "^$id " "$work/plugins.txt" || { cat "$work/plugins.txt" >&2; fail "plugins does not list '$id' from $p"; }
done
((${#plugin_ids[@]})) || fail "no picotorrent-plugin-* package"
if [[ " ${plugin_ids[*]} " == *" websocket "* ]]; then
    # The web dashboard ships in the websocket plugin's package (docs/web.md).
    [[ -f /usr/share/picotorrent/web/index.html && -f /usr/share/picotorrent/web/app.js ]] ||
        fail "picotorrent-plugin-websocket did not install the web dashboard under /usr/share/picotorrent/web"
fi
grep -q 'refused' "$work/plugins.txt" && { cat "$work/plugins.txt" >&2; fail "an installed plugin is refused"; }
echo "plugins: ${plugin_ids[*]}"

step "systemd user unit and man page"
unit=/usr/lib/systemd/user/picotorrent.service
grep -q "^ExecStart=$pt run\$" "$unit" || fail "$unit does not run '$pt run'"
if command -v systemd-analyze >/dev/null; then
    # Minimal images exclude /usr/share/man from dpkg; then Documentation= cannot be checked.
    man_check=()
    [[ -f /usr/share/man/man1/picotorrent.1.gz ]] || man_check=(--man=no)
    out=$(systemd-analyze verify "${man_check[@]}" "$unit" 2>&1) || { echo "$out" >&2; fail "systemd-analyze verify $unit"; }
    [[ -z $out ]] || { echo "$out" >&2; fail "systemd-analyze verify $unit reported findings"; }
fi
if [[ -f /usr/share/man/man1/picotorrent.1.gz ]]; then
    man -l /usr/share/man/man1/picotorrent.1.gz 2>&1 | grep -q 'picotorrent run' || fail "man -l picotorrent.1.gz"
fi
[[ -f /usr/share/bash-completion/completions/picotorrent ]] || fail "no bash completion installed"

step "loopback download with the installed plugins"
cat >"$work/loopback.json" <<JSON
{
  // Loopback only: nothing in this test may leave 127.0.0.1.
  "session": {
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": false, "enable_lsd": false, "enable_upnp": false, "enable_natpmp": false
  },
  "update_url": "http://127.0.0.1:9/releases/latest",
  "websocket": { "enabled": false }
}
JSON
mkdir -p "$work/payload/docs"
head -c 3000000 /dev/urandom >"$work/payload/data.bin"
head -c 12345 /dev/urandom >"$work/payload/docs/notes.txt"
quiet "$pt" create "$work/payload" -o "$work/payload.torrent"
"$pt" seed "$work/payload.torrent" "$work/payload" --host 127.0.0.1 --port 0 --no-plugins \
    --config "$work/loopback.json" --state-dir "$work/seeder-state" >"$work/seeder.out" 2>"$work/seeder.log" &
seeder_pid=$!
endpoint=
for _ in $(seq 1 600); do
    endpoint=$(sed -n 's/^seeding .* on \(127\.0\.0\.1:[0-9]*\)$/\1/p' "$work/seeder.out")
    [[ -n $endpoint ]] && break
    kill -0 "$seeder_pid" 2>/dev/null || break
    sleep 0.1
done
[[ -n $endpoint ]] || { cat "$work/seeder.log" >&2; fail "the seeder did not start"; }
written=$("$pt" download "$work/payload.torrent" --out-dir "$work/download" --peer "$endpoint" \
    --config "$work/loopback.json" --state-dir "$work/leecher-state" --session-timeout 60 2>"$work/download.log") ||
    { cat "$work/download.log" >&2; fail "download failed"; }
diff -r "$work/payload" "$written" || fail "downloaded data differs"
grep -q "plugin" "$work/leecher-state/picotorrent.log" || fail "the download loaded no plugin"
for id in "${plugin_ids[@]}"; do
    [[ $id == gui ]] && continue # a front end: only `picotorrent gui` starts it
    grep -q "$id" "$work/leecher-state/picotorrent.log" || { cat "$work/leecher-state/picotorrent.log" >&2; fail "the download's log never names plugin '$id'"; }
done
kill "$seeder_pid"
wait "$seeder_pid" || true
seeder_pid=

step "build event_logger from picotorrent-sdk-dev against /usr, package and install it"
example=/usr/share/doc/picotorrent-sdk-dev/examples/event_logger
[[ -f $example/CMakeLists.txt ]] || fail "picotorrent-sdk-dev lacks $example"
cp -R "$example" "$work/event_logger"
quiet cmake -S "$work/event_logger" -B "$work/event_logger-build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
quiet cmake --build "$work/event_logger-build"
quiet cpack --config "$work/event_logger-build/CPackConfig.cmake" -B "$work/event_logger-debs"
example_deb=$(ls "$work"/event_logger-debs/picotorrent-plugin-event-logger_*.deb)
[[ $(dpkg-deb -f "$example_deb" Depends) == *"picotorrent (>= $version)"* ]] ||
    fail "the example's package does not depend on picotorrent (>= $version): $(dpkg-deb -f "$example_deb" Depends)"
installed+=(picotorrent-plugin-event-logger)
apt_quiet install -y -qq --no-install-recommends "$example_deb"
dpkg-query -L picotorrent-plugin-event-logger >>"$work/files.list"
"$pt" plugins | grep -q '^event_logger ' || fail "plugins does not list event_logger from its .deb"
apt_quiet purge -y -qq picotorrent-plugin-event-logger
unset 'installed[-1]'
"$pt" plugins | grep -q '^event_logger ' && fail "event_logger still listed after its package was purged"

step "a user-level pack in \$XDG_DATA_HOME/picotorrent/plugins"
user_dir=$XDG_DATA_HOME/picotorrent/plugins
mkdir -p "$user_dir"
cp -R "$work/event_logger-build/plugins/event_logger" "$user_dir/"
"$pt" plugins --json >"$work/user.json"
python3 - "$work/user.json" "$user_dir/event_logger" <<'PY' || fail "the user-level event_logger pack is not listed as compatible"
import json, sys
rows = [r for r in json.load(open(sys.argv[1])) if r.get("id") == "event_logger"]
assert rows, "not listed"
assert rows[0].get("status") not in ("refused",), rows[0]
assert sys.argv[2] in json.dumps(rows[0]), rows[0]
PY
# Built against a newer SDK minor than the installed host offers: the SDK headers with the
# next minor, and the manifest saying so.
sdk_minor=$(sed -n 's/^#define PICO_SDK_VERSION_MINOR \([0-9]*\)$/\1/p' /usr/include/picotorrent/sdk/version.hpp)
sdk_major=$(sed -n 's/^#define PICO_SDK_VERSION_MAJOR \([0-9]*\)$/\1/p' /usr/include/picotorrent/sdk/version.hpp)
newer=$sdk_major.$((sdk_minor + 1)).0
mkdir -p "$work/newer-sdk"
cp -R /usr/include/picotorrent "$work/newer-sdk/"
sed -i "s/^#define PICO_SDK_VERSION_MINOR .*/#define PICO_SDK_VERSION_MINOR $((sdk_minor + 1))/" "$work/newer-sdk/picotorrent/sdk/version.hpp"
quiet cmake -S "$work/event_logger" -B "$work/newer-build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
    "-DCMAKE_CXX_FLAGS=-I$work/newer-sdk"
quiet cmake --build "$work/newer-build"
rm -rf "$user_dir/event_logger"
cp -R "$work/newer-build/plugins/event_logger" "$user_dir/"
sed -i "s/\"sdk_version\" : \"[0-9.]*\"/\"sdk_version\" : \"$newer\"/" "$user_dir/event_logger/plugin.json"
"$pt" plugins --plugins event_logger >"$work/newer.txt" 2>&1 || true
# The usual refusal: the plugin, what it was built against, what the host offers.
grep -q "^event_logger .*refused: built against SDK $newer, host offers $sdk_major.$sdk_minor" "$work/newer.txt" ||
    { cat "$work/newer.txt" >&2; fail "the pack built against SDK $newer is not refused with the usual reason"; }
grep "^event_logger " "$work/newer.txt"
rm -rf "$user_dir"

step "remove one plugin package"
victim=
for p in "${packages[@]}"; do
    [[ $p == picotorrent-plugin-updater ]] && victim=$p
done
[[ -n $victim ]] || for p in "${packages[@]}"; do [[ $p == picotorrent-plugin-* ]] && victim=$p && break; done
victim_id=$(basename "$(dirname "$(dpkg-query -L "$victim" | grep '/plugin.json$')")")
# The desktop bundle depends on every plugin; removing one removes it too.
apt_quiet remove -y -qq "$victim"
"$pt" plugins >"$work/after.txt" 2>&1 || { cat "$work/after.txt" >&2; fail "plugins failed after removing $victim"; }
grep -q "^$victim_id " "$work/after.txt" && { cat "$work/after.txt" >&2; fail "'$victim_id' still listed after removing $victim"; }
for id in "${plugin_ids[@]}"; do
    [[ $id == "$victim_id" ]] && continue
    grep -q "^$id " "$work/after.txt" || fail "'$id' vanished when only $victim was removed"
done
echo "removed $victim: '$victim_id' is no longer listed"

step "purge everything"
# dpkg, not apt: apt no longer knows the removed plugin package (state rc) by name.
quiet dpkg --purge "${installed[@]}"
installed=()
left=()
while read -r f; do
    [[ -e $f || -L $f ]] || continue
    [[ -d $f && ! -L $f ]] && continue
    left+=("$f")
done < <(sort -u "$work/files.list")
for d in /usr/lib/picotorrent /usr/include/picotorrent /usr/lib/cmake/PicoTorrent /usr/share/doc/picotorrent; do
    [[ -e $d ]] && left+=("$d")
done
((${#left[@]} == 0)) || fail "left behind after purge: ${left[*]}"
echo "PASS: $(sort -u "$work/files.list" | wc -l) paths of ${#packages[@]}+1 packages installed, used and purged without a trace"
