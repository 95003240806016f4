#!/usr/bin/env bash
# The user unit passes `systemd-analyze verify` (pointing at this build's picotorrent) and says
# what the package promises: picotorrent run, Restart=on-failure, Type=notify (the host sends
# READY=1; host_cli_test's service_notify tests check it does).
set -euo pipefail
unit=$1 man_dir=$2
grep -q '^ExecStart=/.*/picotorrent run$' "$unit" || { echo "FAIL: ExecStart is not '<abs path>/picotorrent run'" >&2; exit 1; }
grep -q '^Restart=on-failure$' "$unit" || { echo "FAIL: no Restart=on-failure" >&2; exit 1; }
grep -q '^Type=notify$' "$unit" || { echo "FAIL: not Type=notify" >&2; exit 1; }
if ! command -v systemd-analyze >/dev/null; then
    echo "SKIP: systemd-analyze not installed"
    exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$unit" "$work/picotorrent.service"
# verify prints nothing for a clean unit; anything it prints is a finding. It also runs
# `man picotorrent(1)` for Documentation=, so the page generated in this tree must be found.
out=$(MANPATH=$man_dir systemd-analyze verify "$work/picotorrent.service" 2>&1) || { echo "$out" >&2; echo "FAIL: systemd-analyze verify failed" >&2; exit 1; }
if [[ -n $out ]]; then
    echo "$out" >&2
    echo "FAIL: systemd-analyze verify reported findings" >&2
    exit 1
fi
echo "PASS: systemd-analyze verify is clean"
