#!/usr/bin/env python3
"""The WebSocket plugin against a client we did not write: Python's `websockets` (Debian's
python3-websockets). Drives websocket_test_server (the plugin on the host double) over stdin.

    python_client_test.py --server PATH/websocket_test_server
"""
import argparse
import asyncio
import json
import socket
import subprocess
import sys

import websockets

REFERENCE_FIELDS = {
    "info_hash": str, "name": str, "queue_position": int, "size": int, "progress": (int, float),
    "status": int, "eta": int, "dl_rate": int, "ul_rate": int, "seeds_connected": int,
    "seeds_total": int, "nonseeds_connected": int, "nonseeds_total": int,
}
# Added beside the reference fields (docs/websocket.md): the reference ones stay exactly as they are.
ADDED_FIELDS = {
    "save_path": str, "ratio": (int, float), "added_time": int, "error": str,
    "total_downloaded": int, "total_uploaded": int,
}
HASH = "ab" * 20
# Every request type docs/websocket.md lists; hello must announce them all.
REQUESTS = {
    "add", "pause", "resume", "remove", "recheck", "move_storage", "queue_up", "queue_down",
    "queue_top", "queue_bottom", "files", "set_file_priorities", "peers", "trackers", "set_limits",
    "get_state", "session_stats", "get_settings", "set_settings",
}
TIMEOUT = 20


def check_torrent(t):
    assert list(t)[:len(REFERENCE_FIELDS)] == list(REFERENCE_FIELDS), list(t)
    assert set(t) == set(REFERENCE_FIELDS) | set(ADDED_FIELDS), sorted(t)
    for name, kind in {**REFERENCE_FIELDS, **ADDED_FIELDS}.items():
        assert isinstance(t[name], kind) and not isinstance(t[name], bool), (name, t[name])
    assert -1 <= t["status"] <= 15


class Server:
    def __init__(self, path):
        self.proc = subprocess.Popen([path], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = self.proc.stdout.readline().split()
        assert ready and ready[0] == "READY", ready
        self.port, self.token = int(ready[1]), ready[2]

    def command(self, line):
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self):
        self.proc.stdin.write("quit\n")
        self.proc.stdin.flush()
        return self.proc.wait(timeout=TIMEOUT)


async def recv(ws):
    return json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))


async def expect_refused(uri, status, **kwargs):
    try:
        async with websockets.connect(uri, open_timeout=TIMEOUT, **kwargs) as ws:
            raise AssertionError(f"connected: {uri} {kwargs} got {await ws.recv()!r}")
    except websockets.exceptions.InvalidStatusCode as e:
        assert e.status_code == status, (uri, kwargs, e.status_code)


def raw_handshake(port, host, token):
    """The Host header cannot be forged through websockets.connect, so speak HTTP directly."""
    with socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT) as s:
        s.sendall((f"GET /?token={token} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\n"
                   "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                   "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
    return data


async def main(server):
    base = f"ws://127.0.0.1:{server.port}/"
    uri = f"{base}?token={server.token}"
    assert server.command("torrents 3") == "ok"

    # pico_state first, with every reference field.
    async with websockets.connect(uri, open_timeout=TIMEOUT) as ws:
        state = await recv(ws)
        assert state["type"] == "pico_state", state
        assert state["version_info"] == {"api_version": 1}
        assert len(state["torrents"]) == 3
        for t in state["torrents"]:
            check_torrent(t)
        hello = await recv(ws)
        assert hello["type"] == "hello" and hello["api_version"] == 1, hello
        assert isinstance(hello["app_version"], str) and hello["app_version"], hello
        assert set(hello["requests"]) == REQUESTS, sorted(hello["requests"])

        # Events in the order the host fired them.
        assert server.command(f"add {HASH} python added") == "ok"
        assert server.command(f"update {HASH} 0.75") == "ok"
        assert server.command(f"finish {HASH}") == "ok"
        assert server.command(f"remove {HASH}") == "ok"
        added = await recv(ws)
        assert added["type"] == "torrent_added" and added["torrent"]["name"] == "python added", added
        check_torrent(added["torrent"])
        updated = await recv(ws)
        assert updated["type"] == "torrent_updated" and updated["torrents"][0]["progress"] == 0.75, updated
        check_torrent(updated["torrents"][0])
        finished = await recv(ws)
        assert finished["type"] == "torrent_finished" and finished["torrent"]["status"] == 10, finished
        check_torrent(finished["torrent"])
        assert await recv(ws) == {"type": "torrent_removed", "info_hash": HASH}

        # Commands and error replies; the connection goes on.
        await ws.send(json.dumps({"type": "add", "id": 7, "magnet": f"magnet:?xt=urn:btih:{HASH}&dn=m"}))
        replies = [await recv(ws), await recv(ws)]
        result = next(r for r in replies if r["type"] == "result")
        assert result == {"type": "result", "id": 7, "ok": True, "info_hash": HASH, "duplicate": False}, result
        assert any(r["type"] == "torrent_added" for r in replies), replies
        await ws.send("{broken")
        assert await recv(ws) == {"type": "error", "id": None, "message": "malformed JSON"}
        await ws.send(json.dumps({"type": "fly", "id": "f"}))
        err = await recv(ws)
        assert err["type"] == "error" and err["id"] == "f", err
        await ws.send(json.dumps({"type": "pause", "id": 8, "info_hash": HASH}))
        assert await recv(ws) == {"type": "result", "id": 8, "ok": True, "info_hash": HASH}

    # Token as a subprotocol, the way a browser must send it.
    async with websockets.connect(base, subprotocols=["pico.v1", f"token.{server.token}"],
                                  open_timeout=TIMEOUT) as ws:
        assert ws.subprotocol == "pico.v1"
        assert (await recv(ws))["type"] == "pico_state"

    # Refusals.
    await expect_refused(base, 401)
    await expect_refused(f"{base}?token=wrong", 401)
    await expect_refused(base, 401, subprotocols=["pico.v1", "token.wrong"])
    await expect_refused(uri, 403, origin="http://evil.example")
    reply = raw_handshake(server.port, f"evil.example:{server.port}", server.token)
    assert reply.startswith(b"HTTP/1.1 403"), reply[:40]
    assert b"pico_state" not in reply

    # An oversized message closes that connection with 1009; the server goes on.
    async with websockets.connect(uri, open_timeout=TIMEOUT, max_size=None) as ws:
        assert (await recv(ws))["type"] == "pico_state"
        assert (await recv(ws))["type"] == "hello"
        # The server may close while the frame is still going out, so the send itself can
        # be what sees the 1009; either way the close must carry it.
        try:
            await ws.send("x" * (2 * 1024 * 1024))
            await asyncio.wait_for(ws.recv(), TIMEOUT)
            raise AssertionError("still open after an oversized message")
        except websockets.exceptions.ConnectionClosed as e:
            assert e.rcvd is not None and e.rcvd.code == 1009, e
    async with websockets.connect(uri, open_timeout=TIMEOUT) as ws:
        assert (await recv(ws))["type"] == "pico_state"

    stats = server.command("stats")
    assert "refused=5" in stats and "off_thread=0" in stats, stats


def run():
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    args = parser.parse_args()
    server = Server(args.server)
    try:
        asyncio.run(main(server))
    finally:
        code = server.close()
    assert code == 0, f"server exit code {code}"
    print("python websockets client: all checks passed")


if __name__ == "__main__":
    try:
        run()
    except AssertionError as e:
        print(f"FAILED: {e!r}", file=sys.stderr)
        raise
