#!/usr/bin/env bash
# The ABI check fails on what must fail: a copy of the SDK headers with a field added to
# torrent_snapshot, and one with a virtual inserted before the others in host, are both
# reported, each naming the changed type.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 <include dir> <baseline.abi> [c++ compiler]" >&2; exit 2; }
include=$(cd "$1" && pwd) baseline=$2 cxx=${3:-c++}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pico-abi-change.XXXXXX")
trap 'rm -rf "$work"' EXIT

# expect_break <name> <type> <sed script> <header>: the changed copy must fail the check.
expect_break() {
    local name=$1 type=$2 script=$3 header=$4
    rm -rf "$work/include"
    cp -R "$include" "$work/include"
    sed -i "$script" "$work/include/picotorrent/sdk/$header"
    cmp -s "$include/picotorrent/sdk/$header" "$work/include/picotorrent/sdk/$header" &&
        { echo "FAIL: $name: the edit changed nothing (did $header change?)" >&2; exit 1; }
    local status=0
    "$here/abi-check.sh" "$work/include" "$baseline" "$cxx" >"$work/$name.log" 2>&1 || status=$?
    if [[ $status -eq 0 ]]; then
        cat "$work/$name.log" >&2
        echo "FAIL: $name: the ABI check passed a changed SDK" >&2
        exit 1
    fi
    grep -q "$type" "$work/$name.log" || { cat "$work/$name.log" >&2; echo "FAIL: $name: report does not name $type" >&2; exit 1; }
    echo "ok: $name is reported ($type)"
}
expect_break field_added torrent_snapshot \
    's/^struct torrent_snapshot {$/struct torrent_snapshot {\n    int abi_test_field = 0;/' torrent.hpp
expect_break virtual_inserted "class pico::sdk::host" \
    's/^class host {$/class host {\npublic:\n    virtual void abi_test_inserted() {}/' host.hpp
# And the unchanged headers pass, so the failures above are about the edits.
"$here/abi-check.sh" "$include" "$baseline" "$cxx" >/dev/null || { echo "FAIL: the unchanged SDK fails the check" >&2; exit 1; }
echo "PASS: the ABI check fails on a struct layout change and a host vtable change"
