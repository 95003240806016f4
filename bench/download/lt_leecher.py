#!/usr/bin/env python3
"""The baseline leecher: libtorrent's own Python bindings with libtorrent's default settings.

Only what the network rule demands is changed (listen on 127.0.0.1; DHT, LSD, UPnP and NAT-PMP
off). Downloads TORRENT into OUT_DIR from the peer HOST:PORT and exits 0 once every piece is
verified, 1 on error, 2 on timeout.

    lt_leecher.py TORRENT OUT_DIR HOST:PORT [--tcp] [--timeout S]

--tcp turns off outgoing uTP (libtorrent dials uTP first by default), which is what
`picotorrent download` does when TCP is allowed.
"""
import argparse
import sys
import time

import libtorrent as lt


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("torrent")
    ap.add_argument("out_dir")
    ap.add_argument("peer")
    ap.add_argument("--tcp", action="store_true", help="dial out over TCP only")
    ap.add_argument("--timeout", type=float, default=900)
    args = ap.parse_args()

    settings = {
        "listen_interfaces": "127.0.0.1:0",
        "enable_dht": False,
        "enable_lsd": False,
        "enable_upnp": False,
        "enable_natpmp": False,
        "alert_mask": lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
    }
    if args.tcp:
        settings["enable_outgoing_utp"] = False
    ses = lt.session(settings)
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
