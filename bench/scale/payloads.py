"""The benchmark's torrents: N small single-file v1 torrents with their payloads on disk.

Each torrent is one 16 KiB file (one piece) of its own random bytes under <work>/data/, so every
client can seed it after a check, or keep it paused. v1 only: transmission-daemon 3.00 reads no
v2 metadata. No trackers and no web seeds: nothing in them points anywhere, and DHT is off in
every client, so no torrent announces itself.
"""

import hashlib
import os

import libtorrent as lt

PAYLOAD_BYTES = 16 * 1024


def name_of(i):
    return "scale-%05d" % i


def make(work, count):
    """Writes torrents/<name>.torrent and data/<name> for 0..count-1 (reusing what exists).

    Returns [(torrent path, v1 info hash hex)], in index order.
    """
    data = os.path.join(work, "data")
    torrents = os.path.join(work, "torrents")
    os.makedirs(data, exist_ok=True)
    os.makedirs(torrents, exist_ok=True)
    out = []
    for i in range(count):
        name = name_of(i)
        payload = os.path.join(data, name)
        torrent = os.path.join(torrents, name + ".torrent")
        if not os.path.exists(payload):
            # Deterministic per index, so a reused work folder always matches its torrents.
            block = hashlib.sha256(name.encode()).digest()
            with open(payload, "wb") as f:
                f.write(block * (PAYLOAD_BYTES // len(block)))
        if not os.path.exists(torrent):
            fs = lt.file_storage()
            lt.add_files(fs, payload)
            ct = lt.create_torrent(fs, PAYLOAD_BYTES, flags=lt.create_torrent.v1_only)
            ct.set_creator("picotorrent bench/scale")
            lt.set_piece_hashes(ct, data)
            with open(torrent + ".tmp", "wb") as f:
                f.write(lt.bencode(ct.generate()))
            os.replace(torrent + ".tmp", torrent)
        out.append((torrent, str(lt.torrent_info(torrent).info_hashes().v1)))
    return out


def data_dir(work):
    return os.path.join(work, "data")
