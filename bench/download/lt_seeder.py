#!/usr/bin/env python3
"""A libtorrent seeder in Python (Debian's python3-libtorrent), the seeding counterpart of
lt_leecher.py: checks DATA against TORRENT, then prints "seeding on 127.0.0.1:PORT" (the line
`picotorrent seed` prints ends the same way) and seeds until SIGINT or SIGTERM.

    lt_seeder.py TORRENT SAVE_PATH [--settings utp|default|tuned]

SAVE_PATH is the folder that holds the torrent's file (single-file) or its root folder
(multi-file), as libtorrent's save_path means it.
"""
import argparse
import os
import signal
import sys

import libtorrent as lt

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lt_tuning  # noqa: E402

stop = False


def on_signal(*_):
    global stop
    stop = True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("torrent")
    ap.add_argument("save_path")
    ap.add_argument("--settings", choices=["utp", "default", "tuned"], default="default")
    args = ap.parse_args()
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    ses = lt.session(lt_tuning.settings(args.settings))
    # upload_mode: if the data does not check out, download nothing into it.
    h = ses.add_torrent({"ti": lt.torrent_info(args.torrent), "save_path": args.save_path,
                         "flags": lt.torrent_flags.upload_mode})
    while not stop:
        ses.wait_for_alert(200)
        for a in ses.pop_alerts():
            if isinstance(a, (lt.torrent_error_alert, lt.file_error_alert)):
                print("error: " + a.message(), file=sys.stderr)
                return 1
        st = h.status()
        if st.is_seeding:
            break
        # Checked (a new torrent starts in checking_resume_data), and the data is not all there.
        if st.state == lt.torrent_status.downloading:
            print("error: the data does not match the torrent (%.1f%% there)" % (st.progress * 100), file=sys.stderr)
            return 1
    if stop:
        return 0
    print("seeding on 127.0.0.1:%d" % ses.listen_port(), flush=True)
    while not stop:
        ses.wait_for_alert(500)
        for a in ses.pop_alerts():
            if isinstance(a, (lt.torrent_error_alert, lt.file_error_alert)):
                print("error: " + a.message(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
