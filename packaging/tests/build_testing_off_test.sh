#!/usr/bin/env bash
# -DBUILD_TESTING=OFF configures no test, no test executable and no fixture plugin, and the
# install rules hold no test fixture. Configure only (a few seconds): nothing is compiled.
set -euo pipefail
cmake=$1 source_dir=$2
work=$(mktemp -d "${TMPDIR:-/tmp}/pico-no-tests.XXXXXX")
trap 'rm -rf "$work"' EXIT
"$cmake" -S "$source_dir" -B "$work" -G Ninja -DBUILD_TESTING=OFF -DPICO_BUILD_GUI=OFF >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log" >&2; exit 1; }
targets=$(ninja -C "$work" -t targets all)
if grep -E '(_test|fixture|gtest)[^:/]*:' <<<"$targets" | grep -v -E '^(test|install)' >"$work/found"; then
    cat "$work/found" >&2
    echo "FAIL: BUILD_TESTING=OFF still builds tests or fixtures" >&2
    exit 1
fi
grep -q 'bin/picotorrent:' <<<"$targets" || { echo "FAIL: no picotorrent target at all" >&2; exit 1; }
if grep -rl -E 'fixture|test-fixtures' --include=cmake_install.cmake "$work" >"$work/found"; then
    cat "$work/found" >&2
    echo "FAIL: install rules mention test fixtures" >&2
    exit 1
fi
if [[ -f $work/CTestTestfile.cmake ]] && grep -q '^add_test\|^subdirs' "$work/CTestTestfile.cmake"; then
    echo "FAIL: ctest has tests" >&2
    exit 1
fi
echo "PASS: BUILD_TESTING=OFF configures no tests and installs no fixtures"
