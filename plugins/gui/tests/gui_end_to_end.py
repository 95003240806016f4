#!/usr/bin/env python3
"""End to end: the real `picotorrent gui` under Xvfb, driven with real X key events (xdotool).

A loopback seeder (`picotorrent seed --peer`) serves a torrent to the GUI's host; the test
accepts the Add torrent dialog, sees the download finish byte-exact, removes it with Ctrl+A +
Delete (data kept), re-adds it through a second `picotorrent gui` (single instance), removes it
with Shift+Delete + Enter (data deleted), ignores an update announced by a loopback HTTPS
release server (ignored_update written), and checks that show_add_torrent_dialog=false adds
without asking. Exit 77 (ctest SKIP) when Xvfb or xdotool is missing.
Usage: gui_end_to_end.py PICOTORRENT_BINARY RELEASE_SERVER_PY MAKE_CERTS_SH
"""
import json, os, shutil, socket, subprocess, sys, tempfile, time

BIN, RELEASE_SERVER, MAKE_CERTS = sys.argv[1:4]
if not shutil.which("Xvfb") or not shutil.which("xdotool"):
    print("SKIP: Xvfb or xdotool is not installed")
    sys.exit(77)

started = []  # every process this test starts, stopped by PID at the end


def spawn(args, **kw):
    p = subprocess.Popen(args, **kw)
    started.append(p)
    return p


def wait_for(what, check, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("timed out waiting for " + what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_xvfb():
    for n in range(90, 200):
        if os.path.exists("/tmp/.X%d-lock" % n) or os.path.exists("/tmp/.X11-unix/X%d" % n):
            continue
        p = spawn(["Xvfb", ":%d" % n, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for("Xvfb :%d" % n, lambda: os.path.exists("/tmp/.X11-unix/X%d" % n) or p.poll() is not None, 10)
        except AssertionError:
            continue
        if p.poll() is None:
            return ":%d" % n
    raise AssertionError("no free X display")


tmp = tempfile.mkdtemp(prefix="pico-gui-e2e-")
try:
    env = dict(os.environ, DISPLAY=start_xvfb(), XDG_RUNTIME_DIR=tmp, QT_QPA_PLATFORM="xcb")

    def xdo(*args):
        return subprocess.run(["xdotool", *args], env=env, capture_output=True, text=True).stdout.split()

    def window(title):
        ids = xdo("search", "--onlyvisible", "--name", "^%s$" % title)
        return ids[-1] if ids else None

    def keys(title, *combo):
        w = wait_for("window '%s'" % title, lambda: window(title))
        xdo("windowfocus", "--sync", w)
        time.sleep(0.3)
        for k in combo:
            xdo("key", "--clearmodifiers", k)
            time.sleep(0.2)

    def dismiss(title, key):
        """Sends `key` to a dialog until it closes: a key sent before X focus settles is lost."""
        for _ in range(5):
            keys(title, key)
            try:
                wait_for("'%s' to close" % title, lambda: window(title) is None, 3)
                return
            except AssertionError:
                pass
        raise AssertionError("'%s' did not close on %s" % (title, key))

    def dismiss_all(pending, seconds=60):
        """Answers dialogs that may open in either order: the update notice can open over the
        add dialog and take the keyboard, so each is answered while it is the one up."""
        end = time.time() + seconds
        while pending and time.time() < end:
            for title in list(pending):
                if window(title) is None:
                    continue
                keys(title, pending[title])
                try:
                    wait_for("'%s' to close" % title, lambda: window(title) is None, 3)
                    del pending[title]
                except AssertionError:
                    pass
            time.sleep(0.2)
        if pending:
            raise AssertionError("still open or never shown: %s" % sorted(pending))

    payload = os.path.join(tmp, "seed", "album")
    os.makedirs(payload)
    blobs = {"a.bin": os.urandom(1 << 20), "b.bin": os.urandom(300000)}
    for name, data in blobs.items():
        with open(os.path.join(payload, name), "wb") as f:
            f.write(data)
    torrent = os.path.join(tmp, "album.torrent")
    subprocess.run([BIN, "create", payload, "-o", torrent], check=True, capture_output=True)
    info_hash = json.loads(subprocess.run([BIN, "inspect", "--json", torrent], check=True,
                                          capture_output=True, text=True).stdout)["info_hash"]

    certs = os.path.join(tmp, "certs")
    subprocess.run(["bash", MAKE_CERTS, certs], check=True, capture_output=True)
    www = os.path.join(tmp, "www")
    os.makedirs(www)
    with open(os.path.join(www, "latest.json"), "w") as f:
        json.dump({"tag_name": "v99.0.0", "html_url": "https://127.0.0.1/releases/v99.0.0", "name": "99"}, f)
    port_file = os.path.join(tmp, "release.port")
    spawn([sys.executable, RELEASE_SERVER, "--root", www, "--port-file", port_file, "--log", os.path.join(tmp, "rel.log"),
           "--cert", os.path.join(certs, "server.pem"), "--key", os.path.join(certs, "server.key")])
    release_port = wait_for("release server", lambda: os.path.exists(port_file) and open(port_file).read().strip())

    gui_port = free_port()
    state, out = os.path.join(tmp, "state"), os.path.join(tmp, "out")
    config_file = os.path.join(tmp, "PicoTorrent.json")

    def write_config(show_dialog):
        kept = json.load(open(config_file)) if os.path.exists(config_file) else {}
        with open(config_file, "w") as f:
            json.dump({**{k: v for k, v in kept.items() if k == "ignored_update"},
                       "session": {"listen_interfaces": "127.0.0.1:%d" % gui_port, "enable_dht": False,
                                   "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False},
                       "plugins": ["gui", "updater"], "ui": {"show_add_torrent_dialog": show_dialog},
                       "update_url": "https://127.0.0.1:%s/files/latest.json" % release_port,
                       "updater": {"ca_file": os.path.join(certs, "ca.pem")}}, f)

    def gui(*args):
        return spawn([BIN, "gui", "--config", config_file, "--state-dir", state, "--save-path", out,
                      "--resume-interval", "1", *args], env=env, stdout=subprocess.DEVNULL,
                     stderr=open(os.path.join(tmp, "gui.log"), "a"))

    resume = os.path.join(state, "resume", info_hash + ".resume")
    downloaded = [os.path.join(out, "album", n) for n in blobs]

    def complete():
        return all(os.path.exists(p) and open(p, "rb").read() == blobs[os.path.basename(p)] for p in downloaded)

    # 1. Add dialog shown (default on), update notice, download from the loopback seeder.
    write_config(True)
    first = gui(torrent)
    dismiss_all({"Add torrent": "Return", "Update available": "alt+i"})
    wait_for("ignored_update in the config", lambda: json.load(open(config_file)).get("ignored_update") == "99.0.0")
    seeder = spawn([BIN, "seed", torrent, payload, "--host", "127.0.0.1", "--port", "0",
                    "--peer", "127.0.0.1:%d" % gui_port], stdout=subprocess.DEVNULL,
                   stderr=open(os.path.join(tmp, "seed.log"), "w"))
    wait_for("the download to finish byte-exact", complete, 90)
    wait_for("resume data", lambda: os.path.exists(resume))
    print("downloaded and verified")

    # 2. Ctrl+A, Delete: removed from the host, data kept.
    keys("PicoTorrent", "ctrl+a", "Delete")
    wait_for("the torrent to leave the host", lambda: not os.path.exists(resume))
    assert complete(), "Delete must keep the data"
    print("Delete removed it and kept the data")

    # 3. A second `picotorrent gui FILE` hands over to the running one and exits 0.
    second = gui(torrent)
    assert second.wait(30) == 0, "second instance exit code"
    dismiss("Add torrent", "Return")
    wait_for("the torrent back in the host", lambda: os.path.exists(resume))
    print("single instance handed the torrent over")

    # 4. Shift+Delete + Enter: removed with its data.
    keys("PicoTorrent", "ctrl+a", "shift+Delete")
    dismiss("Remove torrents", "Return")
    wait_for("the data to be deleted", lambda: not any(os.path.exists(p) for p in downloaded))
    wait_for("the torrent to leave the host", lambda: not os.path.exists(resume))
    print("Shift+Delete removed it with its data")

    # 4b. Create torrent (Ctrl+N): the host hashes it on its pool, writes it, and seeds it from
    # where the data is.
    made = os.path.join(tmp, "made")
    os.makedirs(made)
    with open(os.path.join(made, "c.bin"), "wb") as f:
        f.write(os.urandom(700000))
    keys("PicoTorrent", "ctrl+n")
    xdo("windowfocus", "--sync", wait_for("window 'Create torrent'", lambda: window("Create torrent")))
    time.sleep(0.3)
    xdo("type", "--delay", "10", made)
    xdo("key", "Return")
    made_torrent = made + ".torrent"
    wait_for("the created torrent file", lambda: os.path.exists(made_torrent), 60)
    made_hash = json.loads(subprocess.run([BIN, "inspect", "--json", made_torrent], check=True,
                                          capture_output=True, text=True).stdout)["info_hash"]
    wait_for("the created torrent seeding in the host",
             lambda: os.path.exists(os.path.join(state, "resume", made_hash + ".resume")), 30)
    dismiss("Create torrent", "Escape")
    print("Create torrent wrote it and the host seeds it")

    keys("PicoTorrent", "ctrl+q")
    assert first.wait(30) == 0, "Ctrl+Q exit code"

    # 5. show_add_torrent_dialog false: added without asking; no update notice (ignored).
    write_config(False)
    third = gui(torrent)
    wait_for("the torrent added without a dialog", lambda: os.path.exists(resume))
    assert window("Add torrent") is None, "the Add torrent dialog must not be shown"
    # This run checked for updates too (the server saw a second request); it stays quiet.
    wait_for("the second update check", lambda: len(open(os.path.join(tmp, "rel.log")).read().split()) >= 2)
    time.sleep(1)
    assert window("Update available") is None, "an ignored version must not be announced again"
    keys("PicoTorrent", "ctrl+q")
    assert third.wait(30) == 0, "Ctrl+Q exit code"
    print("show_add_torrent_dialog=false added it without asking")
    print("PASS")
finally:
    for p in reversed(started):
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()
    if os.environ.get("PICO_KEEP_TEST_DIRS"):
        print("kept", tmp, file=sys.stderr)
    else:
        shutil.rmtree(tmp, ignore_errors=True)
