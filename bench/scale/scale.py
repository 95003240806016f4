#!/usr/bin/python3
"""Many-torrents benchmark: picotorrent against qbittorrent-nox and transmission-daemon.

For each count in --counts, every client is loaded with the same paused torrents (added through
its own API), stopped cleanly, then restarted --restarts times, interleaved (a, b, c, a, b, c).
Per restart: seconds from spawning the process until its API lists every torrent (ours: the
first WebSocket pico_state listing them all; qbittorrent-nox: its Web API; transmission-daemon:
its RPC) and RssAnon once it has settled. After the last restart of each: CPU used while idle
for --idle-seconds, and the size of its state folder after it stopped. Then the time from
spawning `picotorrent run` with every headless plugin and no torrents until its WebSocket
completes a handshake, --start-runs times.

Not a test (no figure is asserted): run it by hand, see README.md. Debian's python3 is needed
(python3-libtorrent, python3-websockets). Everything listens on 127.0.0.1 only.
"""

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import clients  # noqa: E402
import payloads  # noqa: E402
import procstat  # noqa: E402

MIB = 1024 * 1024


def make_client(kind, root, data, exe):
    if kind == "picotorrent":
        return clients.picotorrent(root, data, exe)
    if kind == "qbittorrent":
        return clients.qbittorrent(root, data)
    if kind == "transmission":
        return clients.transmission(root, data)
    raise SystemExit("scale.py: unknown client " + kind)


def loaded(c, count, torrents):
    """Loads `c` once per work folder: a marker says it was done with this many torrents."""
    marker = os.path.join(c.root, "loaded")
    if os.path.exists(marker) and open(marker).read() == str(count):
        return
    t0 = time.monotonic()
    c.load(torrents[:count])
    with open(marker, "w") as f:
        f.write(str(count))
    print("  loaded %s with %d torrents in %.1f s" % (c.name, count, time.monotonic() - t0), flush=True)


def restart(c, count, args, measure_idle):
    row = {"load_avg_start": procstat.load_average()}
    t0 = time.monotonic()
    c.start()
    row["restore_s"] = c.wait_restored(count, args.timeout) - t0
    time.sleep(args.settle_seconds)
    row["rss_anon_kib"] = procstat.rss_anon_kib(c.proc.pid)
    if measure_idle:
        cpu0, w0 = procstat.cpu_seconds(c.proc.pid), time.monotonic()
        time.sleep(args.idle_seconds)
        cpu1, w1 = procstat.cpu_seconds(c.proc.pid), time.monotonic()
        row["idle_cpu_pct"] = 100.0 * (cpu1 - cpu0) / (w1 - w0)
        row["rss_anon_kib"] = procstat.rss_anon_kib(c.proc.pid)
    row["load_avg"] = procstat.load_average()
    c.stop()
    return row


def host_start(args, data):
    """Spawn-to-handshake of `picotorrent run` with all headless plugins and an empty state dir."""
    times = []
    loads = []
    for i in range(args.start_runs):
        root = os.path.join(args.work, "start", str(i))
        shutil.rmtree(root, ignore_errors=True)
        c = clients.picotorrent(root, data, args.picotorrent)
        loads.append(procstat.load_average())
        t0 = time.monotonic()
        c.start()
        times.append(c.wait_accepting(30) - t0)
        c.stop()
    return times, loads


def fmt_ratio(a, b):
    return "%.2fx" % (a / b) if b else "-"


def report(count, per_client):
    print("\n== %d paused torrents (restarts interleaved; medians, range in brackets)" % count)
    print("| client | restore s | RssAnon MiB | KiB/torrent | idle CPU % | state dir MiB (files) | load avg |")
    print("|---|---|---|---|---|---|---|")
    for name, res in per_client.items():
        rs = [r["restore_s"] for r in res["rounds"]]
        rss = statistics.median(r["rss_anon_kib"] for r in res["rounds"])
        la = statistics.median(r["load_avg"] for r in res["rounds"])
        print("| %s | %.3f (%.3f-%.3f) | %.1f | %.1f | %.2f | %.1f (%d) | %.1f |" % (
            name, statistics.median(rs), min(rs), max(rs), rss / 1024, rss / count, res["idle_cpu_pct"],
            res["state_bytes"] / MIB, res["state_files"], la))
    ours = per_client.get("picotorrent")
    if not ours:
        return
    for name, res in per_client.items():
        if name == "picotorrent":
            continue

        def med(r, key):
            return statistics.median(x[key] for x in r["rounds"])
        print("ours / %s: restore %s, RssAnon %s, idle CPU %s, state dir %s" % (
            name, fmt_ratio(med(ours, "restore_s"), med(res, "restore_s")),
            fmt_ratio(med(ours, "rss_anon_kib"), med(res, "rss_anon_kib")),
            fmt_ratio(ours["idle_cpu_pct"], res["idle_cpu_pct"]),
            fmt_ratio(ours["state_bytes"], res["state_bytes"])))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--counts", default="1000,10000", help="torrent counts, comma-separated")
    ap.add_argument("--clients", default="picotorrent,qbittorrent,transmission")
    ap.add_argument("--restarts", type=int, default=3, help="restarts per client and count")
    ap.add_argument("--idle-seconds", type=float, default=60.0, help="idle CPU window (last restart)")
    ap.add_argument("--settle-seconds", type=float, default=5.0, help="wait after restore before measuring")
    ap.add_argument("--start-runs", type=int, default=10, help="host start runs (0: skip)")
    ap.add_argument("--timeout", type=float, default=600.0, help="restore timeout, seconds")
    ap.add_argument("--picotorrent", default=os.path.join(HERE, "..", "..", "build", "bin", "picotorrent"))
    ap.add_argument("--work", help="scratch folder, kept (default: a temporary one, removed afterwards)")
    ap.add_argument("--json", help="append one JSON line with every figure to this file")
    args = ap.parse_args()
    args.picotorrent = os.path.abspath(args.picotorrent)
    keep = args.work is not None
    args.work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="pico-scale-"))
    counts = [int(c) for c in args.counts.split(",") if c]
    kinds = [k for k in args.clients.split(",") if k]
    result = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "counts": {}}
    try:
        print("generating %d torrents under %s" % (max(counts), args.work), flush=True)
        torrents = payloads.make(args.work, max(counts))
        data = payloads.data_dir(args.work)
        for count in counts:
            print("== %d torrents" % count, flush=True)
            per = {}
            cs = [make_client(k, os.path.join(args.work, str(count), k), data, args.picotorrent) for k in kinds]
            for c in cs:
                loaded(c, count, torrents)
                per[c.name] = {"rounds": []}
            for r in range(args.restarts):
                for c in cs:
                    row = restart(c, count, args, measure_idle=(r == args.restarts - 1))
                    per[c.name]["rounds"].append(row)
                    if "idle_cpu_pct" in row:
                        per[c.name]["idle_cpu_pct"] = row["idle_cpu_pct"]
                    print("  %s round %d: restored in %.3f s, RssAnon %.1f MiB, load %.1f%s" % (
                        c.name, r + 1, row["restore_s"], row["rss_anon_kib"] / 1024, row["load_avg"],
                        ", idle CPU %.2f%%" % row["idle_cpu_pct"] if "idle_cpu_pct" in row else ""),
                        flush=True)
            for c in cs:
                apparent, _, files = procstat.folder_size(c.state_dir())
                per[c.name].update(state_bytes=apparent, state_files=files)
            report(count, per)
            result["counts"][str(count)] = per
        if args.start_runs > 0 and "picotorrent" in kinds:
            times, loads = host_start(args, data)
            result["host_start_s"] = times
            result["host_start_load_avg"] = loads
            print("\n== host start (all headless plugins, no torrents) until the WebSocket accepts: "
                  "median %.1f ms, range %.1f-%.1f ms over %d runs, load avg %.1f" % (
                      1000 * statistics.median(times), 1000 * min(times), 1000 * max(times), len(times),
                      statistics.median(loads)))
        if args.json:
            with open(args.json, "a") as f:
                f.write(json.dumps(result) + "\n")
    finally:
        clients.stop_all()
        if not keep:
            shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
