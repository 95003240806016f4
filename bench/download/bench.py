#!/usr/bin/env python3
"""Download and seed benchmark on 127.0.0.1.

--mode download (the default): the same payload from the same kind of seeder (--seeder:
`picotorrent seed`, or a libtorrent seeder in Python, tuned or not) to each leecher in --clients:
`picotorrent download`, libtorrent's own Python bindings (tuned, defaults over TCP, defaults with
uTP first), qbittorrent-nox, aria2c and transmission-cli.

--mode seed: the same leecher (--leecher, a tuned libtorrent by default) from each seeder in
--clients: `picotorrent seed`, or the libtorrent seeder tuned or with its defaults.

A client name may carry `@posix` or `@mmap` (picotorrent only): its session.disk_io for that run,
so both storage back-ends are measured in the same run. --rounds N runs the clients N times,
interleaved (a, b, c, a, b, c, ...), and reports medians, so a busy moment on the machine does not
land on one client only.

Not a test: run it by hand on an otherwise quiet machine (see README.md). Every process binds
127.0.0.1; DHT, LSD, PEX and port mapping are off everywhere. Prints, per client: wall time,
MB/s (10^6 bytes per second of payload), CPU seconds (user + system, from /usr/bin/time -v, of the
leecher in download mode and of the seeder in seed mode), CPU seconds per GB, peak RSS, and
picotorrent's MB/s over each one's.
"""

import argparse
import hashlib
import json
import os
import random
import shutil
import statistics
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

GIB = 1 << 30
MIB = 1 << 20
HERE = os.path.dirname(os.path.abspath(__file__))


# --- small helpers -------------------------------------------------------------------------

def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def wait_for(predicate, timeout, step=0.1, what="condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    raise RuntimeError("timed out waiting for " + what)


def bdecode(data, i=0):
    """Minimal bencode decoder; returns (value, next index). Keeps dict byte spans for the info hash."""
    c = data[i:i + 1]
    if c == b"i":
        end = data.index(b"e", i)
        return int(data[i + 1:end]), end + 1
    if c == b"l":
        i += 1
        out = []
        while data[i:i + 1] != b"e":
            v, i = bdecode(data, i)
            out.append(v)
        return out, i + 1
    if c == b"d":
        i += 1
        out = {}
        while data[i:i + 1] != b"e":
            k, i = bdecode(data, i)
            start = i
            v, i = bdecode(data, i)
            out[k] = v
            out[(k, "span")] = (start, i)
        return out, i + 1
    colon = data.index(b":", i)
    n = int(data[i:colon])
    return data[colon + 1:colon + 1 + n], colon + 1 + n


def v1_info_hash(torrent):
    data = open(torrent, "rb").read()
    top, _ = bdecode(data)
    start, end = top[(b"info", "span")]
    return hashlib.sha1(data[start:end]).hexdigest()


def write_payload(path, size):
    """Random bytes: incompressible, every piece different."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        left = size
        while left > 0:
            n = min(left, 4 * MIB)
            f.write(os.urandom(n))
            left -= n


def same_files(a, b):
    if os.path.isfile(a):
        return os.path.isfile(b) and subprocess.run(["cmp", "-s", a, b]).returncode == 0
    for root, _, files in os.walk(a):
        for name in files:
            pa = os.path.join(root, name)
            pb = os.path.join(b, os.path.relpath(pa, a))
            if not os.path.isfile(pb) or subprocess.run(["cmp", "-s", pa, pb]).returncode != 0:
                return False
    return True


def parse_time_v(path):
    """user+sys CPU seconds and peak RSS (KiB) from a /usr/bin/time -v report."""
    cpu = 0.0
    rss = 0
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line.startswith("User time (seconds):") or line.startswith("System time (seconds):"):
                cpu += float(line.split(":")[1])
            elif line.startswith("Maximum resident set size (kbytes):"):
                rss = int(line.split(":")[1])
    return cpu, rss


class proc:
    """A child process under /usr/bin/time -v, its output in files."""

    def __init__(self, name, args, work, env=None, timed=True):
        self.name = name
        self.time_file = os.path.join(work, name + ".time")
        self.out_file = os.path.join(work, name + ".out")
        self.err_file = os.path.join(work, name + ".err")
        full = (["/usr/bin/time", "-v", "-o", self.time_file] if timed else []) + args
        e = dict(os.environ)
        e.update(env or {})
        self.p = subprocess.Popen(full, stdout=open(self.out_file, "wb"), stderr=open(self.err_file, "wb"),
                                  stdin=subprocess.DEVNULL, env=e)

    def out(self):
        return open(self.out_file, "rb").read().decode(errors="replace")

    def err(self):
        return open(self.err_file, "rb").read().decode(errors="replace")

    def stop(self, sig=signal.SIGINT, timeout=60):
        if self.p.poll() is None:
            # /usr/bin/time forwards nothing: signal its child (our process) directly.
            for child in children_of(self.p.pid) or [self.p.pid]:
                try:
                    os.kill(child, sig)
                except ProcessLookupError:
                    pass
            try:
                self.p.wait(timeout)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        return self.p.returncode


def children_of(pid):
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


# --- the pieces of one run ---------------------------------------------------------------

class bench:
    def __init__(self, args):
        self.args = args
        self.picotorrent = os.path.abspath(args.picotorrent)
        self.work = args.work
        self.tracker_port = free_port()
        self.tracker = None

    def config(self, name, port=0, session=None):
        path = os.path.join(self.work, name + ".json")
        section = {"listen_interfaces": "127.0.0.1:%d" % port, "enable_dht": False, "enable_lsd": False,
                   "enable_upnp": False, "enable_natpmp": False}
        section.update(session or {})
        with open(path, "w") as f:
            json.dump({"session": section, "update_url": "http://127.0.0.1:9/"}, f)
        return path

    def start_tracker(self, hashes):
        d = os.path.join(self.work, "tracker")
        os.makedirs(d, exist_ok=True)
        os.chmod(d, 0o755)
        os.chmod(self.work, 0o755)
        with open(os.path.join(d, "whitelist.txt"), "w") as f:
            f.write("".join(h + "\n" for h in hashes))
        os.chmod(os.path.join(d, "whitelist.txt"), 0o644)
        port = str(self.tracker_port)
        self.tracker = proc("opentracker", ["opentracker", "-i", "127.0.0.1", "-p", port, "-P", port, "-d", d, "-w",
                                            "whitelist.txt"], self.work, timed=False)
        wait_for(lambda: listening(self.tracker_port), 30, what="opentracker")

    def tracker_seeds(self, info_hash):
        q = "".join("%" + info_hash[i:i + 2] for i in range(0, 40, 2))
        try:
            body = urllib.request.urlopen("http://127.0.0.1:%d/scrape?info_hash=%s" % (self.tracker_port, q),
                                          timeout=5).read()
        except OSError:
            return 0
        at = body.find(b"8:completei")
        return int(body[at + 11:body.index(b"e", at + 11)]) if at >= 0 else 0

    def start_seed(self, torrent, data, name, peers=(), kind=None, timed=False):
        """A seeder of `kind` (default --seeder) with .port set once it seeds. Only picotorrent
        can dial a leecher (`peers`), so a seeder that must dial is always picotorrent."""
        kind = kind or (self.args.seeder if not peers else "picotorrent")
        if kind.startswith("lt-"):
            seed = proc(name, ["/usr/bin/python3", os.path.join(HERE, "lt_seeder.py"), torrent, os.path.dirname(data),
                               "--settings", kind[3:]], self.work, timed=timed)
        else:
            args = [self.picotorrent, "seed", torrent, data, "--host", "127.0.0.1", "--port", "0", "--no-plugins",
                    "--config", self.config(name, session=pico_session(kind, self.args)),
                    "--state-dir", os.path.join(self.work, name + "-state")]
            for p in peers:
                args += ["--peer", p]
            seed = proc(name, args, self.work, timed=timed)
        wait_for(lambda: "seeding " in seed.out() or seed.p.poll() is not None, 600, 0.05, "the seeder")
        if seed.p.poll() is not None:
            raise RuntimeError(kind + " seeder failed: " + seed.err()[-2000:])
        wait_for(lambda: "\n" in seed.out(), 10)
        line = seed.out().splitlines()[0]
        seed.port = int(line.rsplit(":", 1)[1])
        return seed

    # Each leecher: returns (seconds, process) with the data in out_dir.

    def run_leecher(self, kind, torrent, out_dir, seed_port):
        """`picotorrent download` (kind picotorrent[@backend]) or lt_leecher.py (kind lt-<settings>)."""
        if kind.startswith("lt-"):
            p = proc(kind, ["/usr/bin/python3", os.path.join(HERE, "lt_leecher.py"), torrent, out_dir,
                            "127.0.0.1:%d" % seed_port, "--settings", kind[3:], "--timeout", "120"], self.work)
        else:
            # A fresh state dir each run: resume data of an earlier run would make this one resume.
            shutil.rmtree(os.path.join(self.work, "download-state"), ignore_errors=True)
            p = proc("picotorrent", [self.picotorrent, "download", torrent, "--out-dir", out_dir, "--peer",
                                     "127.0.0.1:%d" % seed_port, "--no-plugins", "--session-timeout", "60",
                                     "--config", self.config("download", session=pico_session(kind, self.args)),
                                     "--state-dir", os.path.join(self.work, "download-state")], self.work)
        t0 = time.monotonic()
        try:
            code = p.p.wait(150)
        except subprocess.TimeoutExpired:
            p.stop(signal.SIGKILL)
            raise RuntimeError(kind + " did not finish in 150 s")
        seconds = time.monotonic() - t0
        if code != 0:
            raise RuntimeError("%s exited %d: %s" % (kind, code, p.err()[-2000:]))
        return seconds, p

    def run_download(self, kind, torrent, data, out_dir):
        """Download mode: leecher `kind` from a fresh --seeder."""
        seed = self.start_seed(torrent, data, "seed-for-" + kind.replace("@", "-"))
        try:
            return self.run_leecher(kind, torrent, out_dir, seed.port)
        finally:
            seed.stop()

    def run_seed(self, kind, torrent, data, out_dir):
        """Seed mode: seeder `kind` (timed) to a fresh --leecher. The clock is the leecher's; the
        CPU is the seeder's, its check of the data before seeding included."""
        shutil.rmtree(os.path.join(self.work, "seeder-state"), ignore_errors=True)
        seed = self.start_seed(torrent, data, "seeder", kind=kind, timed=True)
        try:
            seconds, _ = self.run_leecher(self.args.leecher, torrent, out_dir, seed.port)
        finally:
            seed.stop(signal.SIGTERM)
        return seconds, seed

    def run_aria2(self, torrent, data, out_dir, info_hash):
        seed = self.start_seed(torrent, data, "seed-aria2")
        try:
            wait_for(lambda: self.tracker_seeds(info_hash) >= 1, 60, 0.2, "the tracker to list the seed")
            t0 = time.monotonic()
            p = proc("aria2c", ["aria2c", "--no-conf", "--enable-dht=false", "--enable-dht6=false",
                                "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                                "--listen-port=%d" % free_port(), "--seed-time=0", "--file-allocation=none",
                                "--summary-interval=0", "--console-log-level=warn", "-d", out_dir, torrent], self.work)
            code = p.p.wait(900)
            seconds = time.monotonic() - t0
            if code != 0:
                raise RuntimeError("aria2c exited %d: %s" % (code, p.out()[-2000:]))
            return seconds, p
        finally:
            seed.stop()

    def run_transmission(self, torrent, data, out_dir):
        cfg = os.path.join(self.work, "transmission")
        home = os.path.join(self.work, "transmission-home")
        os.makedirs(cfg, exist_ok=True)
        os.makedirs(home, exist_ok=True)
        port = free_port()
        with open(os.path.join(cfg, "settings.json"), "w") as f:
            json.dump({"dht-enabled": False, "lpd-enabled": False, "pex-enabled": False,
                       "port-forwarding-enabled": False, "bind-address-ipv4": "127.0.0.1",
                       "bind-address-ipv6": "::1", "peer-port": port, "rpc-enabled": False,
                       "speed-limit-up-enabled": False, "speed-limit-down-enabled": False,
                       "ratio-limit-enabled": False, "message-level": 1}, f)
        # It will not dial 127.x peers, so the seeder dials it; the clock starts when the seeder is up.
        p = proc("transmission", ["stdbuf", "-o0", "transmission-cli", "-g", cfg, "-w", out_dir, "-p", str(port),
                                  torrent], self.work, env={"HOME": home})
        seed = None
        try:
            wait_for(lambda: listening(port), 60, what="transmission-cli to listen")
            seed = self.start_seed(torrent, data, "seed-transmission", peers=["127.0.0.1:%d" % port])
            t0 = time.monotonic()
            wait_for(lambda: "Seeding" in p.out() or p.p.poll() is not None, 1800, 0.05, "transmission-cli")
            seconds = time.monotonic() - t0
            if p.p.poll() is not None:
                raise RuntimeError("transmission-cli exited: " + p.err()[-2000:])
            p.stop(signal.SIGINT)
            return seconds, p
        finally:
            p.stop(signal.SIGKILL)
            if seed:
                seed.stop()

    def run_qbittorrent(self, torrent, data, out_dir, info_hash):
        profile = os.path.join(self.work, "qbt-profile")
        conf_dir = os.path.join(profile, "qBittorrent", "config")
        os.makedirs(conf_dir, exist_ok=True)
        webui = free_port()
        port = free_port()
        with open(os.path.join(conf_dir, "qBittorrent.conf"), "w") as f:
            f.write("[LegalNotice]\nAccepted=true\n\n"
                    "[BitTorrent]\nSession\\DHTEnabled=false\nSession\\LSDEnabled=false\nSession\\PeXEnabled=false\n"
                    "Session\\Port=%d\nSession\\InterfaceAddress=127.0.0.1\nSession\\AnonymousModeEnabled=false\n"
                    "Session\\AddTorrentPaused=false\nSession\\QueueingSystemEnabled=false\n"
                    "Session\\BTProtocol=TCP\n\n"
                    "[Preferences]\nConnection\\UPnP=false\nWebUI\\Address=127.0.0.1\nWebUI\\Port=%d\n"
                    "WebUI\\LocalHostAuth=false\nWebUI\\HostHeaderValidation=false\nWebUI\\CSRFProtection=false\n"
                    "General\\Locale=en\n" % (port, webui))
        p = proc("qbittorrent", ["qbittorrent-nox", "--profile=" + profile, "--webui-port=%d" % webui], self.work,
                 env={"HOME": profile})
        api = "http://127.0.0.1:%d/api/v2/" % webui
        seed = None
        try:
            wait_for(lambda: listening(webui) or p.p.poll() is not None, 60, what="qbittorrent-nox Web UI")
            if p.p.poll() is not None:
                raise RuntimeError("qbittorrent-nox exited: " + p.err()[-2000:])
            seed = self.start_seed(torrent, data, "seed-qbittorrent")
            boundary = "picobench%d" % random.randrange(1 << 30)
            body = b"".join([
                b"--%s\r\nContent-Disposition: form-data; name=\"savepath\"\r\n\r\n%s\r\n" % (
                    boundary.encode(), out_dir.encode()),
                b"--%s\r\nContent-Disposition: form-data; name=\"torrents\"; filename=\"t.torrent\"\r\n"
                b"Content-Type: application/x-bittorrent\r\n\r\n" % boundary.encode(),
                open(torrent, "rb").read(), b"\r\n--%s--\r\n" % boundary.encode()])
            t0 = time.monotonic()
            urllib.request.urlopen(urllib.request.Request(
                api + "torrents/add", data=body,
                headers={"Content-Type": "multipart/form-data; boundary=" + boundary}), timeout=10).read()
            wait_for(lambda: qbt_info(api, info_hash) is not None, 30, 0.05, "qbittorrent to add the torrent")
            urllib.request.urlopen(api + "torrents/addPeers", data=urllib.parse.urlencode(
                {"hashes": info_hash, "peers": "127.0.0.1:%d" % seed.port}).encode(), timeout=10).read()
            wait_for(lambda: (qbt_info(api, info_hash) or {}).get("progress", 0) >= 1.0, 1800, 0.05,
                     "qbittorrent to finish")
            seconds = time.monotonic() - t0
            try:
                urllib.request.urlopen(api + "app/shutdown", data=b"", timeout=10).read()
                p.p.wait(60)
            except (OSError, subprocess.TimeoutExpired):
                pass
            return seconds, p
        finally:
            p.stop(signal.SIGKILL)
            if seed:
                seed.stop()


def pico_session(kind, args):
    """picotorrent's session config section for client `kind` ("picotorrent" or
    "picotorrent@posix"/"@mmap"), on top of --pico-session."""
    session = json.loads(args.pico_session)
    if "@" in kind:
        session["disk_io"] = kind.split("@", 1)[1]
    return session


def qbt_info(api, info_hash):
    try:
        rows = json.loads(urllib.request.urlopen(api + "torrents/info?hashes=" + info_hash, timeout=5).read())
    except OSError:
        return None
    return rows[0] if rows else None


# --- main ----------------------------------------------------------------------------------

CASES = {
    "1g": ("one_gib.bin", [("", GIB)]),
    "512m": ("files_512m", [("f%03d.bin" % i, (512 * MIB) // 200 + (i % 2) * 4096 - 2048) for i in range(200)]),
}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--picotorrent", required=True, help="the picotorrent binary")
    ap.add_argument("--case", choices=["1g", "512m", "all"], default="all")
    ap.add_argument("--mode", choices=["download", "seed"], default="download",
                    help="download: --clients are leechers from --seeder; seed: --clients are seeders to --leecher")
    ap.add_argument("--clients", default=None,
                    help="comma-separated. download mode (default picotorrent,lt-tuned,lt-python-tcp,"
                         "libtorrent-python,qbittorrent,aria2c,transmission): picotorrent[@posix|@mmap], lt-tuned, "
                         "lt-python-tcp (libtorrent's defaults, outgoing uTP off), libtorrent-python (libtorrent's "
                         "defaults: uTP first), qbittorrent, aria2c, transmission. seed mode (default picotorrent,"
                         "lt-tuned,lt-default): picotorrent[@posix|@mmap], lt-tuned, lt-default")
    ap.add_argument("--seeder", default="picotorrent",
                    help="download mode: picotorrent[@posix|@mmap] (default), lt-tuned or lt-default")
    ap.add_argument("--leecher", default="lt-tuned",
                    help="seed mode: lt-tuned (default), lt-default or picotorrent[@posix|@mmap]")
    ap.add_argument("--rounds", type=int, default=1, help="run every client this many times, interleaved")
    ap.add_argument("--pico-session", default="{}", help="JSON merged into picotorrent's session config section")
    ap.add_argument("--json", help="append one JSON line per case with every round's figures to this file")
    ap.add_argument("--work", help="scratch folder (default: a new one under $TMPDIR, removed afterwards)")
    ap.add_argument("--piece-kib", type=int, default=1024, help="piece size of the benchmark torrent")
    args = ap.parse_args()
    keep = args.work is not None
    args.work = os.path.abspath(args.work or tempfile.mkdtemp(prefix="pico-bench-"))
    os.makedirs(args.work, exist_ok=True)
    if args.clients is None:
        args.clients = ("picotorrent,lt-tuned,lt-default" if args.mode == "seed" else
                        "picotorrent,lt-tuned,lt-python-tcp,libtorrent-python,qbittorrent,aria2c,transmission")
    clients = [c for c in args.clients.split(",") if c]
    b = bench(args)
    try:
        for case in (["1g", "512m"] if args.case == "all" else [args.case]):
            name, files = CASES[case]
            seed_dir = os.path.join(args.work, "seed-" + case)
            data = os.path.join(seed_dir, name)
            total = sum(size for _, size in files)
            print("== %s: %s, %d MiB in %d file(s); %s mode, %s" % (
                case, name, total // MIB, len(files), args.mode,
                "seeder " + args.seeder if args.mode == "download" else "leecher " + args.leecher), flush=True)
            if not os.path.exists(data):
                for path, size in files:
                    write_payload(os.path.join(data, path) if path else data, size)
            torrent = os.path.join(args.work, case + ".torrent")
            announce = "http://127.0.0.1:%d/announce" % b.tracker_port
            if os.path.exists(torrent):
                os.remove(torrent)
            # mktorrent: v1 (aria2 1.36 and transmission 3.00 speak v1 only).
            log2 = (args.piece_kib * 1024).bit_length() - 1
            subprocess.run(["mktorrent", "-l", str(log2), "-a", announce, "-o", torrent, data], check=True,
                           stdout=subprocess.DEVNULL)
            info_hash = v1_info_hash(torrent)
            if b.tracker is not None:
                b.tracker.stop(signal.SIGKILL)
            b.start_tracker([info_hash])

            rounds = {c: [] for c in clients}
            loads = []
            for r in range(args.rounds):
                for client in clients:
                    out_dir = os.path.join(args.work, "out-" + client)
                    shutil.rmtree(out_dir, ignore_errors=True)
                    os.makedirs(out_dir)
                    load = os.getloadavg()[0]
                    loads.append(load)
                    print("-- round %d/%d: %s (load %.2f) ..." % (r + 1, args.rounds, client, load), flush=True)
                    try:
                        seconds, p = run_client(b, args.mode, client, torrent, data, out_dir, info_hash)
                        cpu, rss = parse_time_v(p.time_file)
                        ok = same_files(data, os.path.join(out_dir, name))
                        rounds[client].append({"seconds": seconds, "cpu": cpu, "rss_kib": rss, "exact": ok})
                        print("   %.1f MB/s, %.2f CPU s/GB%s" % (total / seconds / 1e6, cpu / (total / 1e9),
                                                                 "" if ok else ", NOT byte-exact"), flush=True)
                    except Exception as e:  # one client failing must not stop the others
                        print("   %s: SKIPPED: %s" % (client, e), flush=True)
                    shutil.rmtree(out_dir, ignore_errors=True)
            report(case, total, rounds, loads)
            if args.json:
                with open(args.json, "a") as f:
                    f.write(json.dumps({"case": case, "mode": args.mode, "seeder": args.seeder,
                                        "leecher": args.leecher, "bytes": total, "loads": loads,
                                        "pico_session": json.loads(args.pico_session), "rounds": rounds}) + "\n")
    finally:
        if b.tracker is not None:
            b.tracker.stop(signal.SIGKILL)
        if not keep:
            shutil.rmtree(args.work, ignore_errors=True)


def run_client(b, mode, client, torrent, data, out_dir, info_hash):
    if mode == "seed":
        return b.run_seed(client, torrent, data, out_dir)
    if client.startswith("picotorrent") or client == "lt-tuned":
        return b.run_download(client, torrent, data, out_dir)
    if client == "libtorrent-python":
        return b.run_download("lt-utp", torrent, data, out_dir)
    if client == "lt-python-tcp":
        return b.run_download("lt-default", torrent, data, out_dir)
    if client == "aria2c":
        return b.run_aria2(torrent, data, out_dir, info_hash)
    if client == "transmission":
        return b.run_transmission(torrent, data, out_dir)
    if client == "qbittorrent":
        return b.run_qbittorrent(torrent, data, out_dir, info_hash)
    raise RuntimeError("unknown client " + client)


def report(case, total, rounds, loads):
    """Medians over the rounds; the ratio is picotorrent's median MB/s over each client's."""
    def med(runs, key):
        return statistics.median(r[key] for r in runs)

    ours = next((runs for c, runs in rounds.items() if c.startswith("picotorrent") and runs), None)
    print()
    print("load average (1 min) during the runs: min %.2f, median %.2f, max %.2f" % (
        min(loads), statistics.median(loads), max(loads)))
    print("%-20s %6s %8s %13s %8s %10s %8s %6s %9s" % ("client (" + case + ")", "runs", "wall s", "MB/s (range)",
                                                      "CPU s", "CPU s/GB", "RSS MiB", "exact", "ours/it"))
    for client, runs in rounds.items():
        if not runs:
            print("%-20s %6s" % (client, "failed"))
            continue
        mbs = [total / r["seconds"] / 1e6 for r in runs]
        ratio = "%.2fx" % (statistics.median(total / r["seconds"] / 1e6 for r in ours) / statistics.median(mbs)) \
            if ours else "-"
        print("%-20s %6d %8.2f %5.0f (%.0f-%.0f) %8.2f %10.2f %8.1f %6s %9s" % (
            client, len(runs), med(runs, "seconds"), statistics.median(mbs), min(mbs), max(mbs), med(runs, "cpu"),
            med(runs, "cpu") / (total / 1e9), med(runs, "rss_kib") / 1024,
            "yes" if all(r["exact"] for r in runs) else "NO", ratio))
    print(flush=True)


if __name__ == "__main__":
    sys.exit(main())
