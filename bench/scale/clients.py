"""The three clients under test, each run from its own folder with everything on 127.0.0.1.

Every client gets: peer listening on 127.0.0.1 only; DHT, LSD, PEX, UPnP and NAT-PMP off; its
control API (ours: the WebSocket; qbittorrent-nox: the Web UI; transmission-daemon: RPC) on
127.0.0.1 only. Each is started by this script and stopped by its own PID (SIGTERM, which each
of them handles as a clean stop that saves its state).
"""

import base64
import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import time

import pico_ws
import procstat


# Every client process this script started and has not stopped yet, for the clean-up at exit.
running = set()


def stop_all():
    for c in list(running):
        try:
            c.stop(timeout=60)
        except Exception as e:  # a clean-up must reach every process
            print("could not stop %s: %s" % (c.name, e), file=sys.stderr)


class client:
    name = ""

    def __init__(self, root, data):
        self.root = root
        self.data = data
        self.proc = None
        self.log = None
        os.makedirs(root, exist_ok=True)

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def spawn(self, argv, env=None):
        self.log = open(os.path.join(self.root, "stderr.log"), "ab")
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT, cwd=self.root,
                                     env=dict(os.environ, **(env or {})), start_new_session=True)
        running.add(self)
        return self.proc

    def stop(self, timeout=300):
        if not self.proc:
            return
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
                self.stop()
                raise RuntimeError("%s did not stop within %d s" % (self.name, timeout))
        self.log.close()
        self.proc = None
        running.discard(self)

    def wait_until(self, predicate, timeout, step, what):
        deadline = time.monotonic() + timeout
        while True:
            if not self.alive():
                raise RuntimeError("%s exited (see %s/stderr.log)" % (self.name, self.root))
            try:
                value = predicate()
                if value:
                    return value
            except (OSError, http.client.HTTPException, ValueError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("%s: timed out waiting for %s" % (self.name, what))
            time.sleep(step)


class picotorrent(client):
    name = "picotorrent"
    plugins = "websocket,file_filters,proxy,updater"

    def __init__(self, root, data, exe):
        super().__init__(root, data)
        self.exe = exe
        self.state = os.path.join(root, "state")
        self.config = os.path.join(root, "PicoTorrent.json")
        self.ws_port = procstat.free_port()
        self.token = secrets.token_hex(16)
        cfg = {
            "session": {"listen_interfaces": "127.0.0.1:%d" % procstat.free_port(), "enable_dht": False,
                        "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False},
            # Discard port on loopback: the updater's check fails at once and never leaves the machine.
            "update_url": "http://127.0.0.1:9/releases/latest",
            "save_path": data,
            "websocket": {"enabled": True, "listen_port": self.ws_port, "token": self.token},
        }
        with open(self.config, "w") as f:
            json.dump(cfg, f, indent=2)

    def start(self):
        return self.spawn([self.exe, "run", "--config", self.config, "--state-dir", self.state,
                           "--plugins", self.plugins])

    def load(self, torrents):
        self.start()
        pico_ws.add_paused(self.ws_port, self.token, [t for t, _ in torrents])
        self.stop()

    def wait_restored(self, count, timeout):
        return pico_ws.wait_restored(self.ws_port, self.token, count, timeout, self.alive)

    def wait_accepting(self, timeout):
        return pico_ws.wait_accepting(self.ws_port, self.token, timeout)

    def state_dir(self):
        return self.state


def multipart(fields, files, boundary):
    parts = []
    for k, v in fields.items():
        parts.append(b"--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (
            boundary, k.encode(), v.encode()))
    for path in files:
        with open(path, "rb") as f:
            parts.append(b"--%s\r\nContent-Disposition: form-data; name=\"torrents\"; filename=\"%s\"\r\n"
                         b"Content-Type: application/x-bittorrent\r\n\r\n%s\r\n" % (
                             boundary, os.path.basename(path).encode(), f.read()))
    parts.append(b"--%s--\r\n" % boundary)
    return b"".join(parts)


class qbittorrent(client):
    name = "qbittorrent-nox"

    def __init__(self, root, data):
        super().__init__(root, data)
        self.profile = os.path.join(root, "profile")
        conf_dir = os.path.join(self.profile, "qBittorrent", "config")
        os.makedirs(conf_dir, exist_ok=True)
        self.webui = procstat.free_port()
        with open(os.path.join(conf_dir, "qBittorrent.conf"), "w") as f:
            f.write("[LegalNotice]\nAccepted=true\n\n"
                    "[BitTorrent]\nSession\\DHTEnabled=false\nSession\\LSDEnabled=false\n"
                    "Session\\PeXEnabled=false\nSession\\Port=%d\nSession\\InterfaceAddress=127.0.0.1\n"
                    "Session\\Interface=lo\nSession\\InterfaceName=lo\n"
                    "Session\\AddTorrentPaused=true\nSession\\DefaultSavePath=%s\n\n"
                    "[Preferences]\nConnection\\UPnP=false\nConnection\\ResolvePeerCountries=false\n"
                    "General\\Locale=en\nWebUI\\Address=127.0.0.1\nWebUI\\Port=%d\nWebUI\\UPnP=false\n"
                    "WebUI\\LocalHostAuth=false\nWebUI\\HostHeaderValidation=false\n"
                    "WebUI\\CSRFProtection=false\n" % (procstat.free_port(), data, self.webui))

    def start(self):
        return self.spawn(["qbittorrent-nox", "--profile=" + self.profile, "--webui-port=%d" % self.webui],
                          env={"HOME": self.profile})

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection("127.0.0.1", self.webui, timeout=120)
        try:
            c.request(method, "/api/v2/" + path, body=body, headers=headers or {})
            r = c.getresponse()
            text = r.read()
            if r.status != 200:
                raise ValueError("%s %s: HTTP %d %s" % (method, path, r.status, text[:200]))
            return text
        finally:
            c.close()

    def count(self):
        return len(json.loads(self.request("GET", "torrents/info")))

    def has_at_least(self, count):
        # One torrent past offset count-1 means count are listed; far cheaper than the whole list.
        return len(json.loads(self.request("GET", "torrents/info?limit=1&offset=%d" % (count - 1)))) == 1

    def load(self, torrents):
        self.start()
        self.wait_until(lambda: self.request("GET", "app/version"), 60, 0.05, "the Web UI")
        boundary = b"picoscale%d" % secrets.randbits(40)
        for i in range(0, len(torrents), 250):
            body = multipart({"savepath": self.data, "paused": "true"}, [t for t, _ in torrents[i:i + 250]],
                             boundary)
            self.request("POST", "torrents/add", body,
                         {"Content-Type": "multipart/form-data; boundary=" + boundary.decode()})
        self.wait_until(lambda: self.count() >= len(torrents), 600, 0.5, "every torrent to be added")
        self.stop()

    def wait_restored(self, count, timeout):
        self.wait_until(lambda: self.has_at_least(count), timeout, 0.005, "every torrent restored")
        return time.monotonic()

    def state_dir(self):
        return self.profile


class transmission(client):
    name = "transmission-daemon"

    def __init__(self, root, data):
        super().__init__(root, data)
        self.conf = os.path.join(root, "config")
        os.makedirs(self.conf, exist_ok=True)
        self.rpc_port = procstat.free_port()
        self.session_id = ""
        settings = {
            "bind-address-ipv4": "127.0.0.1", "bind-address-ipv6": "::1",
            "peer-port": procstat.free_port(), "peer-port-random-on-start": False,
            "dht-enabled": False, "lpd-enabled": False, "pex-enabled": False, "utp-enabled": False,
            "port-forwarding-enabled": False, "blocklist-enabled": False, "watch-dir-enabled": False,
            "rpc-enabled": True, "rpc-bind-address": "127.0.0.1", "rpc-port": self.rpc_port,
            "rpc-authentication-required": False, "rpc-whitelist-enabled": True,
            "rpc-whitelist": "127.0.0.1", "rpc-host-whitelist-enabled": False,
            "download-dir": data, "incomplete-dir-enabled": False, "start-added-torrents": False,
            "message-level": 1,
        }
        with open(os.path.join(self.conf, "settings.json"), "w") as f:
            json.dump(settings, f, indent=2)

    def start(self):
        self.session_id = ""
        return self.spawn(["transmission-daemon", "-f", "-g", self.conf])

    def rpc(self, method, arguments, conn=None):
        c = conn or http.client.HTTPConnection("127.0.0.1", self.rpc_port, timeout=120)
        try:
            for _ in range(2):
                c.request("POST", "/transmission/rpc", json.dumps({"method": method, "arguments": arguments}),
                          {"X-Transmission-Session-Id": self.session_id, "Content-Type": "application/json"})
                r = c.getresponse()
                body = r.read()
                if r.status == 409:
                    self.session_id = r.getheader("X-Transmission-Session-Id", "")
                    continue
                if r.status != 200:
                    raise ValueError("%s: HTTP %d" % (method, r.status))
                reply = json.loads(body)
                if reply.get("result") != "success":
                    raise ValueError("%s: %s" % (method, reply.get("result")))
                return reply["arguments"]
            raise ValueError("%s: no session id" % method)
        finally:
            if conn is None:
                c.close()

    def count(self):
        return len(self.rpc("torrent-get", {"fields": ["id"]})["torrents"])

    def load(self, torrents):
        self.start()
        self.wait_until(lambda: self.rpc("session-get", {"fields": ["version"]}), 60, 0.05, "RPC")
        conn = http.client.HTTPConnection("127.0.0.1", self.rpc_port, timeout=120)
        for path, _ in torrents:
            with open(path, "rb") as f:
                meta = base64.b64encode(f.read()).decode()
            self.rpc("torrent-add", {"metainfo": meta, "paused": True, "download-dir": self.data}, conn)
        conn.close()
        self.wait_until(lambda: self.count() >= len(torrents), 600, 0.5, "every torrent to be added")
        self.stop()

    def wait_restored(self, count, timeout):
        self.wait_until(lambda: self.count() >= count, timeout, 0.005, "every torrent restored")
        return time.monotonic()

    def state_dir(self):
        return self.conf
