#!/usr/bin/env python3
"""Python `websockets` client for the end-to-end test against `picotorrent run`.

Connects with the token, checks pico_state comes first (and again on a second connection,
made with the subprotocol token, while the download runs), adds the torrent with an "add" command,
follows torrent_added / torrent_updated / torrent_finished while the host downloads it from a
loopback seeder, removes it and waits for torrent_removed. Every torrent object is checked
against the reference field list and status codes. Writes the first message of each type (and
the command replies) to --out as JSON.

    host_client.py --url ws://127.0.0.1:PORT/ --token T --torrent F.torrent --info-hash H --out F.json
"""
import argparse
import asyncio
import base64
import json
import sys

import websockets

FIELDS = {
    "info_hash": str, "name": str, "queue_position": int, "size": int, "progress": (int, float),
    "status": int, "eta": int, "dl_rate": int, "ul_rate": int, "seeds_connected": int,
    "seeds_total": int, "nonseeds_connected": int, "nonseeds_total": int,
}
# Added beside the reference fields (docs/websocket.md): the reference ones stay exactly as they are.
ADDED_FIELDS = {
    "save_path": str, "ratio": (int, float), "added_time": int, "error": str,
    "total_downloaded": int, "total_uploaded": int,
}
DOWNLOADING = {2, 3, 4, 5, 7, 8}      # downloading, checking, forced, metadata, queued, stalled
DONE = {1, 10, 11, 12, 13, 14, 15}    # complete or uploading (any flavour)
TIMEOUT = 120


def check_torrent(t, info_hash=None):
    assert list(t)[:len(FIELDS)] == list(FIELDS), list(t)
    assert set(t) == set(FIELDS) | set(ADDED_FIELDS), f"fields {sorted(t)}"
    for name, kind in {**FIELDS, **ADDED_FIELDS}.items():
        assert isinstance(t[name], kind) and not isinstance(t[name], bool), (name, t[name])
    assert -1 <= t["status"] <= 15, t
    assert 0.0 <= t["progress"] <= 1.0, t
    if info_hash is not None:
        assert t["info_hash"] == info_hash, (t["info_hash"], info_hash)


async def recv(ws):
    return json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))


async def second_connection(args):
    """A client joining mid-download gets the torrent in its pico_state."""
    async with websockets.connect(args.url, subprotocols=["pico.v1", f"token.{args.token}"],
                                  open_timeout=TIMEOUT) as ws:
        assert ws.subprotocol == "pico.v1"
        state = await recv(ws)
        assert state["type"] == "pico_state", state
        assert [t["info_hash"] for t in state["torrents"]] == [args.info_hash], state
        for t in state["torrents"]:
            check_torrent(t, args.info_hash)
        return state


async def main(args):
    captured = {}
    with open(args.torrent, "rb") as f:
        torrent_b64 = base64.b64encode(f.read()).decode()
    async with websockets.connect(f"{args.url}?token={args.token}", open_timeout=TIMEOUT,
                                  max_size=None) as ws:
        state = await recv(ws)
        assert state["type"] == "pico_state", state
        assert state["version_info"]["api_version"] == 1, state
        for t in state["torrents"]:
            check_torrent(t)
        captured["pico_state"] = state
        hello = await recv(ws)
        assert hello["type"] == "hello" and hello["api_version"] == 1 and "get_state" in hello["requests"], hello
        captured["hello"] = hello

        await ws.send(json.dumps({"type": "add", "id": 1, "torrent": torrent_b64}))
        captured["add_command"] = {"type": "add", "id": 1, "torrent": "<base64 .torrent>"}
        saw_progress = False
        while "torrent_finished" not in captured:
            m = await recv(ws)
            kind = m["type"]
            if kind == "result":
                assert m == {"type": "result", "id": 1, "ok": True, "info_hash": args.info_hash,
                             "duplicate": False}, m
                captured.setdefault("add_result", m)
            elif kind == "torrent_added":
                check_torrent(m["torrent"], args.info_hash)
                captured.setdefault("torrent_added", m)
            elif kind == "torrent_updated":
                assert m["torrents"], "torrent_updated with no torrents"
                for t in m["torrents"]:
                    check_torrent(t, args.info_hash)
                    if t["status"] in DOWNLOADING and 0.0 < t["progress"] < 1.0:
                        saw_progress = True
                        # Keep an example with data flowing when there is one.
                        if t["dl_rate"] > 0 or "torrent_updated" not in captured:
                            captured["torrent_updated"] = m
                if saw_progress and "pico_state_during_download" not in captured:
                    captured["pico_state_during_download"] = await second_connection(args)
            elif kind == "torrent_finished":
                check_torrent(m["torrent"], args.info_hash)
                assert m["torrent"]["progress"] == 1.0, m
                assert m["torrent"]["status"] in DONE, m
                captured["torrent_finished"] = m
            else:
                raise AssertionError(f"unexpected message {m}")
        assert "torrent_added" in captured and "add_result" in captured, sorted(captured)
        assert saw_progress, "no torrent_updated while downloading"

        await ws.send(json.dumps({"type": "remove", "id": 2, "info_hash": args.info_hash,
                                  "delete_data": False}))
        got_reply = got_removed = False
        while not (got_reply and got_removed):
            m = await recv(ws)
            if m["type"] == "result":
                assert m == {"type": "result", "id": 2, "ok": True, "info_hash": args.info_hash}, m
                captured["remove_result"] = m
                got_reply = True
            elif m["type"] == "torrent_removed":
                assert m == {"type": "torrent_removed", "info_hash": args.info_hash}, m
                captured["torrent_removed"] = m
                got_removed = True
            elif m["type"] == "torrent_updated":
                for t in m["torrents"]:
                    check_torrent(t, args.info_hash)
            else:
                raise AssertionError(f"unexpected message {m}")

        await ws.send(json.dumps({"type": "pause", "id": 3, "info_hash": args.info_hash}))
        while True:
            m = await recv(ws)
            if m["type"] == "error":
                assert m["id"] == 3, m
                captured["error_reply"] = m
                break
    with open(args.out, "w") as f:
        json.dump(captured, f, indent=2)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    for name in ("url", "token", "torrent", "info-hash", "out"):
        p.add_argument("--" + name, required=True)
    try:
        asyncio.run(main(p.parse_args()))
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        sys.exit(1)
    print("host client: all checks passed")
