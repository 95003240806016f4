#!/usr/bin/env bash
# picotorrent(1) renders with `man -l` without warnings and has every command the program lists,
# each with an option only its own --help mentions.
set -euo pipefail
page=$1 binary=$2
command -v man >/dev/null || { echo "FAIL: man is not installed (scripts/install-deps installs man-db)" >&2; exit 1; }
text=$(mktemp) warnings=$(mktemp)
trap 'rm -f "$text" "$warnings"' EXIT
MANWIDTH=100 LC_ALL=C.UTF-8 man --warnings -l "$page" >"$text" 2>"$warnings"
if [[ -s $warnings ]]; then
    cat "$warnings" >&2
    echo "FAIL: man -l $page printed warnings" >&2
    exit 1
fi
grep -q '^NAME' "$text" || { echo "FAIL: no NAME section" >&2; exit 1; }
grep -q 'picotorrent - BitTorrent client framework with plugins' "$text" || { echo "FAIL: bad NAME line" >&2; exit 1; }
mapfile -t commands < <("$binary" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1}')
for c in "${commands[@]}"; do
    grep -q "^   picotorrent $c\$" "$text" || { echo "FAIL: no subsection for '$c'" >&2; exit 1; }
    # The first option of the command's own help must appear in the page too.
    first=$("$binary" "$c" --help | grep -o -- '--[a-z][a-z0-9-]*' | grep -v -- '--help' | head -1)
    [[ -z $first ]] || grep -q -- "$first" "$text" || { echo "FAIL: '$first' of '$c' missing" >&2; exit 1; }
done
echo "PASS: man -l renders ${#commands[@]} commands without warnings"
