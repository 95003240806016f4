"""Talks to `picotorrent run` through its WebSocket API (python3-websockets), on 127.0.0.1 only."""

import asyncio
import base64
import json
import time

import websockets


def url(port, token):
    return "ws://127.0.0.1:%d/?token=%s" % (port, token)


async def _first_pico_state(uri, deadline):
    """Connects (retrying until the server listens) and returns (pico_state text, when it arrived)."""
    while True:
        try:
            async with websockets.connect(uri, max_size=None, open_timeout=30, close_timeout=1,
                                          compression=None) as ws:
                text = await asyncio.wait_for(ws.recv(), max(1.0, deadline - time.monotonic()))
                return text, time.monotonic()
        except (OSError, asyncio.TimeoutError, websockets.exceptions.InvalidHandshake,
                websockets.exceptions.ConnectionClosed):
            if time.monotonic() > deadline:
                raise RuntimeError("no pico_state from " + uri.split("?")[0])
            await asyncio.sleep(0.002)


def wait_restored(port, token, count, timeout, is_alive):
    """Seconds-stamp (monotonic) of the first pico_state that lists `count` torrents."""
    uri = url(port, token)
    deadline = time.monotonic() + timeout
    while True:
        if not is_alive():
            raise RuntimeError("picotorrent exited while restoring")
        text, at = asyncio.run(_first_pico_state(uri, deadline))
        if not text.startswith('{"type":"pico_state"'):
            raise RuntimeError("first message is not pico_state: " + text[:200])
        # Counting the info hashes is enough, and keeps the client's own parse out of the figure.
        if text.count('"info_hash"') >= count:
            return at
        if time.monotonic() > deadline:
            raise RuntimeError("pico_state lists %d of %d torrents" % (text.count('"info_hash"'), count))


def wait_accepting(port, token, timeout):
    """Monotonic stamp of the first completed WebSocket handshake (retrying until it listens)."""
    async def run():
        deadline = time.monotonic() + timeout
        while True:
            try:
                async with websockets.connect(url(port, token), open_timeout=30, close_timeout=1):
                    return time.monotonic()
            except (OSError, websockets.exceptions.InvalidHandshake):
                if time.monotonic() > deadline:
                    raise RuntimeError("the WebSocket never accepted")
                await asyncio.sleep(0.001)
    return asyncio.run(run())


async def _connect(uri, timeout):
    deadline = time.monotonic() + timeout
    while True:
        try:
            return await websockets.connect(uri, max_size=None, open_timeout=30)
        except (OSError, websockets.exceptions.InvalidHandshake):
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.05)


def add_paused(port, token, torrents, window=64):
    """Adds every torrent file, paused, through "add" commands (`window` in flight at once)."""
    async def run():
        ws = await _connect(url(port, token), 60)
        try:
            pending = {}
            next_index = 0
            done = 0
            while done < len(torrents):
                while next_index < len(torrents) and len(pending) < window:
                    with open(torrents[next_index], "rb") as f:
                        body = base64.b64encode(f.read()).decode()
                    await ws.send(json.dumps({"type": "add", "id": next_index + 1, "torrent": body,
                                              "paused": True}))
                    pending[next_index + 1] = torrents[next_index]
                    next_index += 1
                msg = json.loads(await asyncio.wait_for(ws.recv(), 120))
                if msg.get("type") == "error" and msg.get("id") in pending:
                    raise RuntimeError("add %s: %s" % (pending[msg["id"]], msg.get("message")))
                if msg.get("type") == "result" and msg.get("id") in pending:
                    del pending[msg["id"]]
                    done += 1
        finally:
            await ws.close()
    asyncio.run(run())
