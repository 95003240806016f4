#!/usr/bin/env python3
"""A state dir for startup_compare.py without loading the torrents through a running host.

bench/scale/scale.py loads its torrents into `picotorrent run` through the WebSocket plugin
(about 12 ms each: 135 s for 10,000, and it needs the websocket, file_filters, proxy and updater
plugins built). This writes the same thing directly: bench/scale/payloads.py's torrents and
payloads, and for each a libtorrent resume file in <state>/resume/<info hash>.resume holding the
torrent, its save path and the paused flag (what our host saves for a torrent added paused and
never checked), plus scale.py's PicoTorrent.json (DHT, LSD, UPnP, NAT-PMP off, listen on
127.0.0.1, update_url on a loopback discard port), in the layout scale.py leaves:

    bench/gui/make_state.py --work /tmp/scale-w --count 10000
    bench/gui/startup_compare.py --picotorrent build/bin/picotorrent --work /tmp/scale-w --count 10000 \
        --clients picotorrent

Only ours: qBittorrent's profile still comes from scale.py.
"""
import argparse, json, os, sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "scale"))
import payloads  # noqa: E402
import libtorrent as lt  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
ap.add_argument("--work", required=True)
ap.add_argument("--count", type=int, default=10000)
args = ap.parse_args()

torrents = payloads.make(args.work, args.count)
root = os.path.join(args.work, str(args.count), "picotorrent")
resume = os.path.join(root, "state", "resume")
os.makedirs(resume, exist_ok=True)
data = payloads.data_dir(args.work)
for path, info_hash in torrents:
    atp = lt.add_torrent_params()
    atp.ti = lt.torrent_info(path)
    atp.save_path = data
    atp.flags = (atp.flags | lt.torrent_flags.paused) & ~lt.torrent_flags.auto_managed
    with open(os.path.join(resume, info_hash + ".resume"), "wb") as f:
        f.write(lt.write_resume_data_buf(atp))
config = {
    "session": {"listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False,
                "enable_upnp": False, "enable_natpmp": False},
    "update_url": "http://127.0.0.1:9/releases/latest",
    "save_path": data,
}
with open(os.path.join(root, "PicoTorrent.json"), "w") as f:
    json.dump(config, f, indent=2)
print("make_state: %d torrents in %s" % (len(torrents), os.path.join(root, "state")))
