#!/usr/bin/env python3
"""Checks `picotorrent plugins --json` output: plugin ID is listed once, from folder DIR/ID,
with status "loaded" (compatible: it would start) and sdk_version VERSION.

usage: check_plugins_json.py FILE ID VERSION DIR
"""
import json
import os
import sys


def main() -> int:
    path, plugin_id, sdk_version, plugin_dir = sys.argv[1:5]
    with open(path, encoding="utf-8") as f:
        plugins = json.load(f)
    found = [p for p in plugins if p.get("id") == plugin_id]
    if len(found) != 1:
        print(f"expected one plugin '{plugin_id}', found {len(found)}", file=sys.stderr)
        return 1
    p = found[0]
    problems = []
    if p.get("status") != "loaded" or p.get("reason"):
        problems.append(f"status is {p.get('status')!r}, reason {p.get('reason')!r}")
    if p.get("sdk_version") != sdk_version:
        problems.append(f"sdk_version is {p.get('sdk_version')!r}, expected {sdk_version!r}")
    expected_dir = os.path.realpath(os.path.join(plugin_dir, plugin_id))
    if os.path.realpath(p.get("directory", "")) != expected_dir:
        problems.append(f"directory is {p.get('directory')!r}, expected {expected_dir!r}")
    for problem in problems:
        print(f"{plugin_id}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
