#!/usr/bin/env python3
"""A libtorrent leecher in Python (Debian's python3-libtorrent, the libtorrent 2.0.8 we link).

Downloads TORRENT into OUT_DIR from the peer HOST:PORT and exits 0 once every piece is verified,
1 on error, 2 on timeout.

    lt_leecher.py TORRENT OUT_DIR HOST:PORT [--settings utp|default|tuned] [--timeout S]

--settings (see lt_tuning.py): "utp" is libtorrent's defaults (uTP dialled first); "default" is
libtorrent's defaults with outgoing uTP off, which is what `picotorrent download` does when TCP is
allowed; "tuned" is libtorrent tuned for throughput. --tcp is the old name of --settings default.
Every kind listens on 127.0.0.1 with DHT, LSD, UPnP and NAT-PMP off.
"""
import argparse
import os
import sys
import time

import libtorrent as lt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lt_tuning  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("torrent")
    ap.add_argument("out_dir")
    ap.add_argument("peer")
    ap.add_argument("--settings", choices=["utp", "default", "tuned"], default="utp")
    ap.add_argument("--tcp", action="store_true", help="the same as --settings default")
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()

    ses = lt.session(lt_tuning.settings("default" if args.tcp else args.settings))
    h = ses.add_torrent({"ti": lt.torrent_info(args.torrent), "save_path": args.out_dir})
    host, port = args.peer.rsplit(":", 1)
    h.connect_peer((host, int(port)))

    deadline = time.monotonic() + args.timeout
    while time.monotonic() < deadline:
        ses.wait_for_alert(500)
        for a in ses.pop_alerts():
            if isinstance(a, (lt.torrent_error_alert, lt.file_error_alert)):
                print("error: " + a.message(), file=sys.stderr)
                return 1
        st = h.status()
        if st.is_seeding or st.is_finished:
            return 0
        # A peer list can empty if the seeder was not up yet; dial again, as our --peer does.
        if st.num_peers == 0:
            h.connect_peer((host, int(port)))
    print("timed out", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
