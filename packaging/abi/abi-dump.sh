#!/usr/bin/env bash
# Dumps the ABI of the SDK headers under <include dir> as abigail XML:
#   packaging/abi/abi-dump.sh <include dir> <output.abi> [c++ compiler]
# Builds a probe library with one exported function per SDK type (generate_probe.py), with full
# debug info and fixed flags, and runs abidw on it. Paths are left out of the dump, so a dump
# made in any checkout compares equal.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 <include dir> <output.abi> [c++ compiler]" >&2; exit 2; }
include=$(cd "$1" && pwd)
out=$2
cxx=${3:-c++}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/pico-abi.XXXXXX")
trap 'rm -rf "$work"' EXIT
command -v abidw >/dev/null || { echo "$0: abidw not found (apt-get install abigail-tools)" >&2; exit 1; }
python3 "$here/generate_probe.py" "$include" "$work/sdk_abi_probe.cpp"
# C++17: the oldest language level the SDK supports; layouts are the same under C++20.
# -femit-class-debug-always: the full layout (and vtable) of host and plugin, whose virtuals
# are all inline, would otherwise be left out of this translation unit.
(cd "$work" && "$cxx" -std=c++17 -g -O0 -femit-class-debug-always -fno-eliminate-unused-debug-types -fPIC -shared -I"$include" sdk_abi_probe.cpp -o libpico_sdk_abi_probe.so)
abidw --no-corpus-path --no-comp-dir-path --no-show-locs --out-file "$out" "$work/libpico_sdk_abi_probe.so"
