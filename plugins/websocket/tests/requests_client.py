#!/usr/bin/env python3
"""Every request type of docs/websocket.md against a real `picotorrent run`, while it downloads a
three-file torrent from a loopback seeder (see host_test.cpp, which starts both).

    requests_client.py --url ws://127.0.0.1:PORT/ --token T --torrent F.torrent --info-hash H
                       --save-root DIR --outside DIR --peer-port P --tracker URL
"""
import argparse
import asyncio
import base64
import itertools
import json
import os
import sys
import time

import websockets

TIMEOUT = 60
UNKNOWN = "0" * 40
START = time.monotonic()


def step(what):
    """Progress on stderr, so a failure or a slow run shows where it was."""
    print(f"[{time.monotonic() - START:6.1f}s] {what}", file=sys.stderr, flush=True)


class Client:
    def __init__(self, ws):
        self.ws = ws
        self.ids = itertools.count(100)
        self.finished = False
        self.latest = {}  # info_hash -> newest torrent object seen in a broadcast

    def note(self, m):
        if m["type"] == "torrent_finished":
            self.finished = True
        for t in m.get("torrents", []) + ([m["torrent"]] if "torrent" in m else []):
            self.latest[t["info_hash"]] = t

    async def recv(self):
        m = json.loads(await asyncio.wait_for(self.ws.recv(), TIMEOUT))
        self.note(m)
        return m

    async def request(self, type_, **fields):
        """Sends one request; returns its result, or its error (as the reply object)."""
        rid = next(self.ids)
        await self.ws.send(json.dumps({"type": type_, "id": rid, **fields}))
        while True:
            m = await self.recv()
            if m["type"] in ("result", "error") and m.get("id") == rid:
                return m

    async def ok(self, type_, **fields):
        m = await self.request(type_, **fields)
        assert m["type"] == "result" and m["ok"] is True, (type_, fields, m)
        return m

    async def error(self, type_, contains, **fields):
        m = await self.request(type_, **fields)
        assert m["type"] == "error", (type_, fields, m)
        assert contains in m["message"], (type_, contains, m)
        return m

    async def until(self, check, what, seconds=120):
        loop = asyncio.get_running_loop()
        end = loop.time() + seconds
        shown = loop.time()
        while not check():
            assert loop.time() < end, f"timed out waiting for {what}"
            await self.recv()
            if loop.time() - shown > 5:
                shown = loop.time()
                step(f"waiting for {what}: {[(t['status'], round(t['progress'], 3), t['dl_rate']) for t in self.latest.values()]}")


async def main(a):
    with open(a.torrent, "rb") as f:
        torrent_b64 = base64.b64encode(f.read()).decode()
    async with websockets.connect(f"{a.url}?token={a.token}", open_timeout=TIMEOUT, max_size=None) as ws:
        c = Client(ws)
        assert (await c.recv())["type"] == "pico_state"
        hello = await c.recv()
        assert hello["type"] == "hello", hello
        for name in ("get_state", "files", "set_file_priorities", "peers", "trackers", "session_stats",
                     "get_settings", "set_settings", "recheck", "move_storage", "queue_up", "queue_down",
                     "queue_top", "queue_bottom", "set_limits"):
            assert name in hello["requests"], (name, hello)

        # Slow the torrent down first thing, so the requests below see a download in progress.
        await c.ok("set_limits", download=0)
        added = await c.ok("add", torrent=torrent_b64)
        ih = added["info_hash"]
        assert ih == a.info_hash, added
        limited = await c.ok("set_limits", info_hash=ih, download=256 * 1024)
        assert limited["limits"] == {"download": 256 * 1024, "upload": 0}, limited

        step("added")
        # get_state: the pico_state payload again, with the added fields.
        state = await c.ok("get_state")
        assert state["version_info"] == {"api_version": 1}, state
        [t] = [t for t in state["torrents"] if t["info_hash"] == ih]
        assert os.path.realpath(t["save_path"]) == os.path.realpath(a.save_root), t
        assert t["added_time"] > 1_600_000_000 and t["error"] == "" and t["ratio"] >= 0, t

        step("get_state")
        # Wait for bytes to flow, then look at peers, files and the session.
        await c.until(lambda: c.latest.get(ih, {}).get("progress", 0) > 0, "download progress")
        peers = (await c.ok("peers", info_hash=ih))["peers"]
        assert peers and all(p["address"].startswith("127.0.0.1:") for p in peers), peers
        assert all(set(p) == {"address", "client", "dl_rate", "ul_rate", "progress", "flags"} for p in peers), peers
        files = (await c.ok("files", info_hash=ih))["files"]
        assert [f["index"] for f in files] == [0, 1, 2], files
        assert [f["size"] for f in files] == [int(s) for s in a.sizes.split(",")], files
        assert all(0.0 <= f["progress"] <= 1.0 and f["priority"] == 4 for f in files), files
        trackers = (await c.ok("trackers", info_hash=ih))["trackers"]
        assert [tr["url"] for tr in trackers] == [a.tracker], trackers
        assert trackers[0]["tier"] == 0 and isinstance(trackers[0]["message"], str), trackers
        stats = (await c.ok("session_stats"))["stats"]
        assert stats["torrents"]["total"] == 1, stats
        assert any(e.endswith(f":{a.peer_port}") for e in stats["listen_endpoints"]), stats
        assert stats["free_space"] > 0 and stats["total_downloaded"] >= 0, stats

        step("progress, peers, files, trackers, stats")
        # Settings: listed without secrets or the websocket section; changes apply live and are saved.
        got = await c.ok("get_settings")
        settings, writable = got["settings"], got["writable"]
        assert "save_path" in settings and "session.download_rate_limit" in settings, settings
        assert not any(k.startswith("websocket") for k in settings), settings
        assert "session.listen_interfaces" in settings and "session.listen_interfaces" not in writable, writable
        assert "save_path" in writable and "session.active_downloads" in writable, writable
        assert (await c.ok("set_settings", settings={"session.active_downloads": 7}))["applied"] == \
            ["session.active_downloads"]
        assert (await c.ok("get_settings"))["settings"]["session.active_downloads"] == 7
        await c.error("set_settings", "cannot be changed remotely", settings={"session.listen_interfaces": "0.0.0.0:1"})
        await c.error("set_settings", "cannot be changed remotely", settings={"websocket.token": "x" * 20})
        # All or nothing: a bad value after a good one leaves the good one unapplied.
        await c.error("set_settings", "active_seeds",
                      settings={"session.active_checking": 2, "session.active_seeds": "many"})
        after = (await c.ok("get_settings"))["settings"]
        assert after["session.active_checking"] != 2, after
        await c.error("set_settings", "save_path", settings={"save_path": a.outside})

        step("settings")
        # Global limits go through the configuration and show in session_stats.
        g = await c.ok("set_limits", upload=50_000)
        assert g["limits"]["upload"] == 50_000, g
        assert (await c.ok("session_stats"))["stats"]["upload_rate_limit"] == 50_000
        assert (await c.ok("get_settings"))["settings"]["session.upload_rate_limit"] == 50_000
        # libtorrent counts request messages and IP overhead against the upload limit: a low one
        # starves the download, so raise it again for the rest of the test.
        await c.ok("set_limits", upload=8_000_000)

        step("global limits")
        # File priorities: skip the first file.
        await c.ok("set_file_priorities", info_hash=ih, priorities=[0, 4, 7])
        assert [f["priority"] for f in (await c.ok("files", info_hash=ih))["files"]] == [0, 4, 7]
        await c.error("set_file_priorities", "3 files", info_hash=ih, priorities=[1])
        await c.error("set_file_priorities", "0 (skip) to 7", info_hash=ih, priorities=[0, 4, 9])

        step("file priorities")
        # Queue moves answer with the new place.
        for move in ("queue_up", "queue_down", "queue_top", "queue_bottom"):
            m = await c.ok(move, info_hash=ih)
            assert "queue_position" in m, m

        step("queue")
        # Unknown torrents and bad fields are errors; the connection goes on.
        for type_ in ("files", "peers", "trackers", "recheck", "queue_up", "move_storage"):
            await c.error(type_, "", info_hash=UNKNOWN, save_path=a.save_root)
        await c.error("set_limits", "no torrent", info_hash=UNKNOWN, download=1)
        await c.error("set_limits", "bytes per second", download=-5)
        await c.error("set_limits", "needs", info_hash=ih)

        step("errors")
        # Lift the limits; the wanted files finish.
        await c.ok("set_limits", info_hash=ih, download=0)
        await c.until(lambda: c.finished, "torrent_finished")
        files = (await c.ok("files", info_hash=ih))["files"]
        assert files[1]["progress"] == 1.0 and files[2]["progress"] == 1.0, files

        step("finished")
        # After the download, since a recheck or a move disconnects the peers, and the seeder's
        # reconnect back-off would stall a running download for a minute.
        # move_storage is confined to the allowed roots, and moves the files.
        await c.error("move_storage", "", info_hash=ih, save_path=a.outside)
        await c.error("move_storage", "", info_hash=ih, save_path="relative/dir")
        moved_to = os.path.join(a.save_root, "moved")
        m = await c.ok("move_storage", info_hash=ih, save_path=moved_to)
        assert os.path.realpath(m["save_path"]) == os.path.realpath(moved_to), m
        # The broadcasts carry the new place too (a torrent_updated follows the move).
        await c.until(lambda: os.path.realpath(c.latest[ih]["save_path"]) == os.path.realpath(moved_to),
                      "a torrent_updated with the new save_path", seconds=30)
        moved_file = os.path.join(moved_to, "bundle", "b.bin")
        for _ in range(300):
            if os.path.exists(moved_file) and not os.path.exists(os.path.join(a.save_root, "bundle", "b.bin")):
                break
            await asyncio.sleep(0.1)
        assert os.path.exists(moved_file), f"{moved_file} not there after move_storage"
        # recheck verifies the moved files: the torrent is complete again afterwards.
        c.latest.pop(ih, None)
        await c.ok("recheck", info_hash=ih)
        await c.until(lambda: ih in c.latest and c.latest[ih]["status"] in (1, 10, 13, 14, 15)
                      and c.latest[ih]["progress"] == 1.0, "the recheck to finish")

        step("move_storage, recheck")
        await c.ok("remove", info_hash=ih, delete_data=False)
        assert (await c.ok("get_state"))["torrents"] == []

if __name__ == "__main__":
    p = argparse.ArgumentParser()
    for name in ("url", "token", "torrent", "info-hash", "save-root", "outside", "peer-port", "tracker", "sizes"):
        p.add_argument("--" + name, required=True)
    try:
        asyncio.run(main(p.parse_args()))
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
    print("requests client: all checks passed")
