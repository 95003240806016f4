#!/usr/bin/env bash
# Compares the ABI of the SDK headers under <include dir> with the committed baseline:
#   packaging/abi/abi-check.sh <include dir> <baseline.abi> [c++ compiler]
# Any difference fails: a struct's layout, an enum's values, host's virtuals and their order.
# An allowed change (a new minor that only adds, or a new major) regenerates the baseline with
# scripts/abi-baseline; docs/versioning.md says when.
set -euo pipefail
[[ $# -ge 2 ]] || { echo "usage: $0 <include dir> <baseline.abi> [c++ compiler]" >&2; exit 2; }
include=$1 baseline=$2 cxx=${3:-c++}
here=$(cd "$(dirname "$0")" && pwd)
current=$(mktemp "${TMPDIR:-/tmp}/pico-sdk-abi.XXXXXX")
trap 'rm -f "$current"' EXIT
"$here/abi-dump.sh" "$include" "$current" "$cxx"
status=0
report=$(abidiff --no-show-locs --harmless "$baseline" "$current") || status=$?
if [[ $status -ne 0 ]]; then
    echo "$report"
    echo "FAIL: the SDK's ABI differs from $baseline (abidiff exit $status)." >&2
    echo "  A layout change, a removal or a reordering needs a new major version. A new minor that" >&2
    echo "  only appends (docs/versioning.md) regenerates the baseline: scripts/abi-baseline" >&2
    exit 1
fi
echo "PASS: the SDK's ABI equals the baseline $(basename "$baseline")"
