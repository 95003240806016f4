#!/usr/bin/env bash
# pico_add_plugin writes plugin.json with string(JSON): quotes, backslashes and tabs in the
# CMake arguments come out as valid, equal JSON strings.
set -euo pipefail
cmake=$1 source_dir=$2 python=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/pico-manifest.XXXXXX")
trap 'rm -rf "$work"' EXIT
here=$(cd "$(dirname "$0")" && pwd)
"$cmake" -S "$here/manifest_json" -B "$work" -DPICO_SOURCE_DIR="$source_dir" >"$work.log" 2>&1 ||
    { cat "$work.log" >&2; rm -f "$work.log"; exit 1; }
rm -f "$work.log"
"$python" "$here/check_manifest.py" "$work/plugins/quoting_probe/plugin.json"
