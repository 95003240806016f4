#!/usr/bin/env bash
# Writes picotorrent(1) from the real --help of the program and of every command it lists:
#   generate-man-page.sh <picotorrent binary> <output.1>
# help2man makes the page from `picotorrent --help` and `--version`; each command's own
# --help becomes a subsection of COMMANDS, so the page never drifts from the program.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 <picotorrent binary> <output.1>" >&2; exit 2; }
binary=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Text to roff: backslashes escaped, lines that would start a request neutralised.
to_roff() { sed -e 's/\\/\\e/g' -e "s/^\([.']\)/\\\\\&\1/"; }

# The commands are the indented rows under "commands:" in the top-level help.
mapfile -t commands < <("$binary" --help | awk '/^commands:/ {on = 1; next} on && /^  [a-z]/ {print $1} on && /^$/ {if (n++) exit}')
[[ ${#commands[@]} -gt 0 ]] || { echo "$0: '$binary --help' lists no commands" >&2; exit 1; }

{
    echo "[COMMANDS]"
    for c in "${commands[@]}"; do
        echo ".SS \"picotorrent $c\""
        echo ".nf"
        # Boost.Program_options help may go to stdout with exit 0; anything else is a bug.
        "$binary" "$c" --help | to_roff
        echo ".fi"
    done
    cat "$here/sections.h2m"
} >"$work/include.h2m"

help2man --no-info --name "BitTorrent client framework with plugins" --section 1 \
    --include "$work/include.h2m" --output "$out" "$binary"
# help2man names the page after the file it ran; the page is picotorrent(1) wherever that was.
grep -q '^\.TH PICOTORRENT' "$out" || { echo "$0: unexpected page header in $out" >&2; exit 1; }
