#!/usr/bin/env python3
"""Plots bench.py --json results: median MB/s and CPU s/GB per client, one panel pair per
case and mode, with the range of the rounds as error bars.

    plot.py RESULTS.jsonl OUT.png

Needs python3-matplotlib (not in scripts/install-deps: only this plot uses it, CI does not).
"""
import json
import statistics
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def main():
    rows = [json.loads(line) for line in open(sys.argv[1]) if line.strip()]
    fig, axes = plt.subplots(2, len(rows), figsize=(4.2 * len(rows), 7), squeeze=False)
    for col, row in enumerate(rows):
        clients = [c for c, runs in row["rounds"].items() if runs]
        gb = row["bytes"] / 1e9
        mbs = [[row["bytes"] / r["seconds"] / 1e6 for r in row["rounds"][c]] for c in clients]
        cpu = [[r["cpu"] / gb for r in row["rounds"][c]] for c in clients]
        who = ("seeder " + row["seeder"]) if row["mode"] == "download" else ("leecher " + row["leecher"])
        for ax, values, label in ((axes[0][col], mbs, "MB/s"), (axes[1][col], cpu, "CPU s/GB")):
            med = [statistics.median(v) for v in values]
            err = [[m - min(v) for m, v in zip(med, values)], [max(v) - m for m, v in zip(med, values)]]
            colours = ["tab:blue" if c.startswith("picotorrent") else "tab:gray" for c in clients]
            ax.bar(range(len(clients)), med, yerr=err, color=colours, capsize=3)
            ax.set_xticks(range(len(clients)))
            ax.set_xticklabels(clients, rotation=30, ha="right", fontsize=8)
            ax.set_ylabel(label)
            ax.set_title("%s %s (%s)" % (row["case"], row["mode"], who), fontsize=9)
    fig.suptitle("bench/download on 127.0.0.1, 2 cores shared by seeder and leecher; median of %d rounds"
                 % max(len(r) for row in rows for r in row["rounds"].values()), fontsize=10)
    fig.tight_layout()
    fig.savefig(sys.argv[2], dpi=90)


if __name__ == "__main__":
    main()
