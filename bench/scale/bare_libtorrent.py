#!/usr/bin/python3
"""Bare libtorrent baseline for the memory figure: python3-libtorrent (the same libtorrent
2.0.8) with the same paused torrents added from resume data, no host, no plugins.

    bare_libtorrent.py WORK COUNT     (WORK: a bench/scale --work folder, loaded with COUNT)

Prints RssAnon before and after adding, so the per-torrent cost of libtorrent itself can be
set beside picotorrent's. Loopback only; DHT, LSD, UPnP, NAT-PMP off.
"""
import gc
import glob
import os
import sys
import time

import libtorrent as lt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procstat  # noqa: E402


def main():
    work, count = sys.argv[1], int(sys.argv[2])
    resume = sorted(glob.glob(os.path.join(work, str(count), "picotorrent", "state", "resume", "*.resume")))
    if len(resume) < count:
        raise SystemExit("bare_libtorrent.py: %d resume files, expected %d (run scale.py --work first)" % (
            len(resume), count))
    s = lt.session({"listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False,
                    "enable_upnp": False, "enable_natpmp": False, "alert_mask": 0})
    time.sleep(1)
    before = procstat.rss_anon_kib(os.getpid())
    t0 = time.monotonic()
    for f in resume[:count]:
        with open(f, "rb") as fh:
            s.async_add_torrent(lt.read_resume_data(fh.read()))
    while len(s.get_torrents()) < count:
        time.sleep(0.05)
    added = time.monotonic() - t0
    gc.collect()
    time.sleep(3)
    after = procstat.rss_anon_kib(os.getpid())
    print("bare libtorrent, %d paused torrents: added in %.2f s, RssAnon %.1f -> %.1f MiB, %.1f KiB/torrent" % (
        count, added, before / 1024, after / 1024, (after - before) / count))


if __name__ == "__main__":
    main()
