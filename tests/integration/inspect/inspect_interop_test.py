#!/usr/bin/env python3
"""`picotorrent inspect --json` cross-checked, field by field, against libtorrent's own
parser (the Python bindings) and `transmission-show`, on a corpus of torrents made by
mktorrent, transmission-create and `picotorrent create` (v1, v2, hybrid; single and
multi-file; private; trackers, web seeds, comments). Piece hashes and v2 merkle roots
are also recomputed from the payload with hashlib. Corrupt and missing inputs must give
one line on stderr and exit code 2. No network: every URL is only written into metadata.

usage: inspect_interop_test.py --picotorrent PATH
"""

import argparse
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import unittest

try:
    import libtorrent as lt
except ImportError:
    sys.exit(f"{sys.executable} cannot import libtorrent: install python3-libtorrent (scripts/install-deps)")

PICOTORRENT = None
BLOCK = 16384
T1 = "http://127.0.0.1:6969/announce"
T2 = "udp://127.0.0.1:6970"
T3 = "http://127.0.0.1:6971/announce"
WS1 = "http://127.0.0.1:8001/files/"
WS2 = "http://127.0.0.1:8002/mirror/"


def run(*args, check=True):
    env = dict(os.environ, TZ="UTC", LC_ALL="C")
    p = subprocess.run(list(args), capture_output=True, text=True, env=env, timeout=120)
    if check and p.returncode != 0:
        raise AssertionError(f"{args} exited {p.returncode}: {p.stderr.strip()}")
    return p


def inspect_json(path):
    return json.loads(run(PICOTORRENT, "inspect", path, "--json", "--show-pieces").stdout)


# --- the corpus --------------------------------------------------------------------

def write_payload(root):
    rng = random.Random(42)
    files = {
        "single.bin": 70000,
        "multi/a.bin": 100000,
        "multi/sub/b.txt": 5000,
        "multi/sub/deeper/c.dat": 33000,
    }
    for rel, size in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(rng.randbytes(size))


def pico_create(out, source, *options):
    p = run(PICOTORRENT, "create", source, "-o", out, *options)
    assert "hashing: 100%" in p.stderr, p.stderr
    assert f"output:       {out}" in p.stdout, p.stdout
    return p.stdout


def build_corpus(d):
    """Returns [(torrent path, payload path, maker, transmission 3.00 reads it)].

    transmission 3.00 reads neither v2-only nor hybrid torrents (transmission/transmission
    issues 1339 and 3386: the empty keys of a v2 "file tree" stop its parser); those are
    compared only when the installed transmission-show does read them."""
    single = os.path.join(d, "single.bin")
    multi = os.path.join(d, "multi")
    t = lambda name: os.path.join(d, name)
    corpus = []

    run("mktorrent", "-a", T1, "-a", f"{T2},{T3}", "-w", "http://127.0.0.1:8001/ws", "-c", "made by mktorrent",
        "-l", "15", "-p", "-o", t("mk-multi.torrent"), multi)
    corpus.append((t("mk-multi.torrent"), multi, "mktorrent", True))
    run("mktorrent", "-a", T1, "-l", "16", "-d", "-o", t("mk-single.torrent"), single)
    corpus.append((t("mk-single.torrent"), single, "mktorrent", True))

    run("transmission-create", "-t", T1, "-t", T3, "-c", "made by transmission", "-s", "16",
        "-o", t("tc-single.torrent"), single)
    corpus.append((t("tc-single.torrent"), single, "transmission-create", True))
    run("transmission-create", "-p", "-t", T1, "-s", "32", "-o", t("tc-multi.torrent"), multi)
    corpus.append((t("tc-multi.torrent"), multi, "transmission-create", True))

    pico_create(t("pico-v1-multi.torrent"), multi, "--v1-only", "--tracker", T1, "--tracker", T2,
                "--web-seed", WS1, "--comment", "v1 multi", "--private", "--piece-size", "16")
    corpus.append((t("pico-v1-multi.torrent"), multi, "create", True))
    pico_create(t("pico-v2-multi.torrent"), multi, "--v2-only", "--tracker", T1, "--piece-size", "32")
    corpus.append((t("pico-v2-multi.torrent"), multi, "create", False))
    pico_create(t("pico-hybrid-multi.torrent"), multi, "--tracker", T1, "--tracker", T3, "--web-seed", WS1,
                "--web-seed", WS2, "--comment", "hybrid multi", "--piece-size", "16")
    corpus.append((t("pico-hybrid-multi.torrent"), multi, "create", False))
    pico_create(t("pico-v1-single.torrent"), single, "--v1-only")
    corpus.append((t("pico-v1-single.torrent"), single, "create", True))
    pico_create(t("pico-v2-single.torrent"), single, "--v2-only", "--private", "--tracker", T2)
    corpus.append((t("pico-v2-single.torrent"), single, "create", False))
    pico_create(t("pico-hybrid-single.torrent"), single, "--tracker", T1, "--comment", "hybrid single, ünicode")
    corpus.append((t("pico-hybrid-single.torrent"), single, "create", False))
    return corpus


# --- independent recomputation -------------------------------------------------------

def payload_bytes(report, payload):
    """Each file's bytes (pad files are zeros), in metainfo order."""
    out = []
    for f in report["files"]:
        if f["pad"]:
            out.append(bytes(f["size"]))
            continue
        rel = f["path"].split("/", 1)[1] if os.path.isdir(payload) else None
        path = os.path.join(payload, rel) if rel else payload
        with open(path, "rb") as fh:
            out.append(fh.read())
    return out


def merkle(leaves):
    while len(leaves) > 1:
        leaves = [hashlib.sha256(leaves[i] + leaves[i + 1]).digest() for i in range(0, len(leaves), 2)]
    return leaves[0]


def pad_pow2(leaves, minimum=1):
    n = max(minimum, 1)
    while n < len(leaves):
        n *= 2
    return leaves + [bytes(32)] * (n - len(leaves))


def v2_hashes(data, piece_length):
    """BEP 52: (pieces root, piece layer) of one file."""
    leaves = [hashlib.sha256(data[i:i + BLOCK]).digest() for i in range(0, len(data), BLOCK)]
    root = merkle(pad_pow2(leaves))
    per_piece = piece_length // BLOCK
    if len(data) <= piece_length:
        return root.hex(), [root.hex()]
    layer = [merkle(pad_pow2(leaves[i:i + per_piece], per_piece)).hex() for i in range(0, len(leaves), per_piece)]
    return root.hex(), layer


# --- transmission-show ---------------------------------------------------------------

def tr_format(value, base, names):
    """libtransmission's formatter_get_size_str (3.00)."""
    units = [(1, "B")] + [(base ** (i + 1), n) for i, n in enumerate(names)]
    unit = units[0]
    for u in units[1:]:
        if value >= u[0]:
            unit = u
    v = value / unit[0]
    precision = 0 if unit[0] == 1 else (2 if v < 100 else 1)
    return f"{v:.{precision}f} {unit[1]}"


def tr_size(n):
    return tr_format(n, 1000, ["kB", "MB", "GB"])


def tr_mem(n):
    return tr_format(n, 1024, ["KiB", "MiB", "GiB"])


def transmission_show(path):
    p = run("transmission-show", path, check=False)
    if p.returncode != 0:
        return None
    info = {"general": {}, "tiers": [], "webseeds": [], "files": []}
    section = None
    for line in p.stdout.splitlines():
        if line in ("GENERAL", "TRACKERS", "WEBSEEDS", "FILES"):
            section = line
            continue
        text = line.strip()
        if not text or section is None:
            continue
        if section == "GENERAL":
            key, _, value = text.partition(": ")
            info["general"][key] = value
        elif section == "TRACKERS":
            if re.fullmatch(r"Tier #\d+", text):
                info["tiers"].append([])
            else:
                info["tiers"][-1].append(text)
        elif section == "WEBSEEDS":
            info["webseeds"].append(text)
        elif section == "FILES":
            m = re.fullmatch(r"(.*) \(([^()]*)\)", text)
            info["files"].append((m.group(1), m.group(2)))
    return info


# --- the checks ----------------------------------------------------------------------

class inspect_interop(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="pico-inspect-")
        write_payload(cls.tmp.name)
        cls.corpus = build_corpus(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def each(self):
        """(torrent, payload, transmission understands it, inspect --json) for the corpus."""
        return [(path, payload, transmission, inspect_json(path)) for path, payload, _, transmission in self.corpus]

    def test_corpus_covers_every_format(self):
        formats = {(inspect_json(p)["format"], os.path.isdir(d)) for p, d, _, _ in self.corpus}
        for fmt in ("v1", "v2", "hybrid"):
            self.assertIn((fmt, True), formats)
            self.assertIn((fmt, False), formats)

    def test_against_libtorrent(self):
        for path, _, _, j in self.each():
            with self.subTest(torrent=os.path.basename(path)):
                self.check_libtorrent(path, j)

    def check_libtorrent(self, path, j):
        ti = lt.torrent_info(path)
        ih = ti.info_hashes()
        self.assertEqual(j["schema_version"], 1)
        self.assertEqual(j["name"], ti.name())
        self.assertEqual(j["info_hash_v1"], str(ih.v1) if ih.has_v1() else None)
        self.assertEqual(j["info_hash_v2"], str(ih.v2) if ih.has_v2() else None)
        self.assertEqual(j["info_hash"], str(ih.v1) if ih.has_v1() else str(ih.v2))
        self.assertEqual(j["format"], {(True, False): "v1", (False, True): "v2", (True, True): "hybrid"}[
            (ih.has_v1(), ih.has_v2())])
        # libtorrent shuffles URLs within a tier: compare tiers as sets, in tier order.
        tiers = {}
        for ae in ti.trackers():
            tiers.setdefault(ae.tier, set()).add(ae.url)
        expected = [tiers[k] for k in sorted(tiers)]
        ours = [set(t) for t in j["announce_list"]] or ([{j["announce"]}] if j["announce"] else [])
        self.assertEqual(ours, expected)
        self.assertEqual(j["url_list"], [w["url"] for w in ti.web_seeds() if w["type"] == 0])
        self.assertEqual(j["http_seeds"], [w["url"] for w in ti.web_seeds() if w["type"] == 1])
        self.assertEqual([(n["host"], n["port"]) for n in j["nodes"]], list(ti.nodes()))
        self.assertEqual(j["private"], ti.priv())
        self.assertEqual(j["comment"], ti.comment() or None)
        self.assertEqual(j["created_by"], ti.creator() or None)
        if j["creation_date_unix"] is None:
            self.assertEqual(ti.creation_date(), 0)
            self.assertIsNone(j["creation_date"])
        else:
            self.assertEqual(j["creation_date_unix"], ti.creation_date())
            self.assertEqual(j["creation_date"],
                             time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ti.creation_date())))
        self.assertEqual(j["piece_length"], ti.piece_length())
        self.assertEqual(j["piece_count"], ti.num_pieces())
        self.assertEqual(j["total_size"], ti.total_size())
        fs = ti.files()
        self.assertEqual(j["payload_size"], sum(fs.file_size(i) for i in range(fs.num_files())
                                                if not fs.file_flags(i) & lt.file_storage.flag_pad_file))
        self.assertEqual(len(j["files"]), fs.num_files())
        raw_layers = lt.bdecode(open(path, "rb").read()).get(b"piece layers", {})
        for i, f in enumerate(j["files"]):
            flags = fs.file_flags(i)
            self.assertEqual(f["path"], fs.file_path(i))
            self.assertEqual(f["size"], fs.file_size(i))
            self.assertEqual(f["offset"], fs.file_offset(i))
            self.assertEqual(f["pad"], bool(flags & lt.file_storage.flag_pad_file))
            self.assertEqual(f["executable"], bool(flags & lt.file_storage.flag_executable))
            self.assertEqual(f["hidden"], bool(flags & lt.file_storage.flag_hidden))
            has_root = ih.has_v2() and not f["pad"] and f["size"] > 0
            self.assertEqual(f["pieces_root"], str(fs.root(i)) if has_root else None)
            if not has_root:
                self.assertIsNone(f["piece_layer"])
            elif bytes.fromhex(f["pieces_root"]) in raw_layers:
                layer = raw_layers[bytes.fromhex(f["pieces_root"])]
                self.assertEqual(f["piece_layer"], [layer[k:k + 32].hex() for k in range(0, len(layer), 32)])
            else:
                self.assertLessEqual(f["size"], j["piece_length"])
                self.assertEqual(f["piece_layer"], [f["pieces_root"]])
        if ih.has_v1():
            self.assertEqual(j["pieces"], [ti.hash_for_piece(k).hex() for k in range(ti.num_pieces())])
        else:
            self.assertIsNone(j["pieces"])

    def test_hashes_match_the_payload(self):
        for path, payload, _, j in self.each():
            with self.subTest(torrent=os.path.basename(path)):
                self.check_payload(payload, j)

    def check_payload(self, payload, j):
        files = payload_bytes(j, payload)
        if j["pieces"] is not None:
            data = b"".join(files)
            n = j["piece_length"]
            self.assertEqual(j["pieces"], [hashlib.sha1(data[k:k + n]).hexdigest() for k in range(0, len(data), n)])
        for f, data in zip(j["files"], files):
            if f["pieces_root"] is not None:
                self.assertEqual((f["pieces_root"], f["piece_layer"]), v2_hashes(data, j["piece_length"]))

    def test_against_transmission_show(self):
        seen = 0
        for path, _, required, j in self.each():
            with self.subTest(torrent=os.path.basename(path)):
                tr = transmission_show(path)
                if tr is None:
                    self.assertFalse(required, "transmission-show failed")
                    continue
                seen += 1
                self.check_transmission(tr, j)
        self.assertGreaterEqual(seen, 6)

    def check_transmission(self, tr, j):
        g = tr["general"]
        self.assertEqual(g["Name"], j["name"])
        self.assertEqual(g["Hash"], j["info_hash_v1"])
        self.assertEqual(g.get("Created by"), j["created_by"])
        self.assertEqual(g.get("Comment"), j["comment"])
        if j["creation_date_unix"] is None:
            self.assertIn(g.get("Created on"), (None, "Unknown"))
        else:
            self.assertEqual(g["Created on"], time.asctime(time.gmtime(j["creation_date_unix"])))
        self.assertEqual(int(g["Piece Count"]), j["piece_count"])
        self.assertEqual(g["Piece Size"], tr_mem(j["piece_length"]))
        self.assertEqual(g["Total Size"], tr_size(j["total_size"]))
        self.assertEqual(g["Privacy"], "Private torrent" if j["private"] else "Public torrent")
        ours = [set(t) for t in j["announce_list"]] or ([{j["announce"]}] if j["announce"] else [])
        self.assertEqual([set(t) for t in tr["tiers"]], ours)
        self.assertEqual(tr["webseeds"], j["url_list"])
        self.assertEqual(tr["files"], [(f["path"], tr_size(f["size"])) for f in j["files"]])

    def test_text_output(self):
        path, _, _, _ = self.corpus[0]
        j = inspect_json(path)
        out = run(PICOTORRENT, "inspect", path).stdout
        self.assertIn(f"info hash v1:   {j['info_hash_v1']}\n", out)
        self.assertIn(f"name:           {j['name']}\n", out)
        self.assertIn("\n  offset", out)
        pieces = run(PICOTORRENT, "inspect", path, "--show-pieces").stdout
        for h in j["pieces"]:
            self.assertIn(h, pieces)

    def test_create_prints_the_info_hash(self):
        out = os.path.join(self.tmp.name, "printed.torrent")
        stdout = pico_create(out, os.path.join(self.tmp.name, "multi"), "--v2-only")
        j = inspect_json(out)
        self.assertIn(f"info hash v2: {j['info_hash_v2']}\n", stdout)
        self.assertEqual(j["created_by"], "PicoTorrent " + run(PICOTORRENT, "--version").stdout.split()[-1])

    def assert_one_line_error(self, p, pattern):
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertEqual(p.stdout, "")
        lines = p.stderr.splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertRegex(lines[0], pattern)

    def test_corrupt_torrents(self):
        good = open(self.corpus[0][0], "rb").read()
        cases = {
            "truncated.torrent": (good[:len(good) // 2], r"invalid bencoding: .* \(at byte \d+\)$"),
            "garbage.torrent": (b"d8:announce3:url4:infoi12x", r"invalid bencoding: .* \(at byte 2[3-5]\)$"),
            "no-info.torrent": (b"d8:announce3:urle", r"has no 'info' \(at byte 0\)$"),
            "list.torrent": (b"li1ee", r"not a dictionary \(at byte 0\)$"),
        }
        for name, (data, pattern) in cases.items():
            with self.subTest(name=name):
                path = os.path.join(self.tmp.name, name)
                with open(path, "wb") as f:
                    f.write(data)
                for extra in ([], ["--json"]):
                    p = run(PICOTORRENT, "inspect", path, *extra, check=False)
                    self.assert_one_line_error(p, rf"^picotorrent inspect: {re.escape(path)}: .*" + pattern)
        p = run(PICOTORRENT, "inspect", os.path.join(self.tmp.name, "missing.torrent"), check=False)
        self.assert_one_line_error(p, r"missing\.torrent: no such file$")

    def test_create_bad_input(self):
        d = self.tmp.name
        os.makedirs(os.path.join(d, "empty-dir"), exist_ok=True)
        out = os.path.join(d, "never.torrent")
        cases = [
            ([os.path.join(d, "no-such-path")], r"no such file or directory$"),
            ([os.path.join(d, "empty-dir")], r"contains no files$"),
            ([os.path.join(d, "single.bin"), "--v1-only", "--v2-only"], r"cannot be combined$"),
            ([os.path.join(d, "single.bin"), "--piece-size", "24"], r"not a power of two"),
            ([os.path.join(d, "single.bin"), "--piece-size", "8"], r"not a power of two"),
        ]
        for args, pattern in cases:
            with self.subTest(args=args[1:]):
                p = run(PICOTORRENT, "create", *args, "-o", out, check=False)
                self.assert_one_line_error(p, r"^picotorrent create: .*" + pattern)
        p = run(PICOTORRENT, "create", os.path.join(d, "single.bin"), check=False)
        self.assert_one_line_error(p, r"-o OUT is required$")
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--picotorrent", required=True)
    args, rest = parser.parse_known_args()
    PICOTORRENT = args.picotorrent
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)
