#!/usr/bin/env python3
"""Desktop start-up with many restored torrents: `picotorrent gui` against qBittorrent's GUI.

Not a test. It reuses the state bench/scale/scale.py leaves in its --work folder
(<work>/<count>/picotorrent/state and <work>/<count>/qbittorrent/profile, the same paused
torrents in both), copies it afresh for every run, and starts each client under its own Xvfb:

- window: from spawning the process until its main window is mapped (xdotool);
- usable: from spawning until a dialog opened by a key press is mapped (ours: Ctrl+, ->
  "Preferences"; qBittorrent 4.5: Alt+O -> "Preferences"), i.e. the GUI thread answers input;
- RSS (MiB) and CPU (% of a core, all threads) over --idle-seconds once usable.

    bench/gui/startup_compare.py --picotorrent build/bin/picotorrent --work /tmp/scale-w --count 10000

Loopback only: DHT, LSD, PeX, UPnP/NAT-PMP off in both (scale.py's configs), no trackers, a dead
proxy in the environment, ours with update_url on a discard port and only the gui plugin.
Stops only the processes it started, by PID.
"""
import argparse, json, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

ap = argparse.ArgumentParser()
ap.add_argument("--picotorrent", required=True)
ap.add_argument("--qbittorrent", default=shutil.which("qbittorrent") or "/usr/bin/qbittorrent")
ap.add_argument("--work", required=True)
ap.add_argument("--count", default="10000")
ap.add_argument("--runs", type=int, default=3)
ap.add_argument("--idle-seconds", type=float, default=10)
ap.add_argument("--clients", default="picotorrent,qbittorrent")
ap.add_argument("--limit", type=int, default=0, help="restore at most N torrents (the same N for both)")
ap.add_argument("--timeout", type=float, default=300, help="seconds to wait for the window, then the dialog")
ap.add_argument("--keep-going", action="store_true",
                help="a run that fails is reported (stacks, log kept) and the next one starts (hang hunting)")
args = ap.parse_args()

started = []


def spawn(argv, **kw):
    p = subprocess.Popen(argv, start_new_session=True, **kw)
    started.append(p)
    return p


def stop(p, sig=signal.SIGTERM, timeout=120):
    if p.poll() is None:
        os.kill(p.pid, sig)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            os.kill(p.pid, signal.SIGKILL)
            p.wait()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class run_failed(Exception):
    pass


def wait_for(what, check, timeout=None, step=0.02, proc=None, folder=None):
    end = time.time() + (args.timeout if timeout is None else timeout)
    while time.time() < end:
        v = check()
        if v:
            return v
        if proc is not None and proc.poll() is not None:
            # Dead, not hung: say so at once instead of waiting out the timeout.
            raise run_failed("%s: the process exited with %d before it showed" % (what, proc.returncode))
        time.sleep(step)
    if proc is not None and folder and shutil.which("gdb"):
        # Every thread's stack while it hangs: the one thing a hang needs to be understood.
        with open(os.path.join(folder, "stacks.txt"), "w") as out:
            subprocess.run(["gdb", "-p", str(proc.pid), "-batch", "-ex", "thread apply all bt"],
                           stdout=out, stderr=subprocess.STDOUT, timeout=120)
    raise run_failed("timed out waiting for " + what)


def cpu_ticks(pid):
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0


def one_run(client, tmp, env):
    xdo = lambda *a: subprocess.run(["xdotool", *a], env=env, capture_output=True, text=True).stdout.split()
    window = lambda pattern: (xdo("search", "--onlyvisible", "--name", pattern) or [None])[-1]
    base = os.path.join(args.work, args.count, client)
    if client == "picotorrent":
        state = os.path.join(tmp, "state")
        shutil.copytree(os.path.join(base, "state"), state)
        resumes = sorted(os.listdir(os.path.join(state, "resume")))
        for extra in resumes[args.limit:] if args.limit else []:
            os.remove(os.path.join(state, "resume", extra))
        torrents = min(len(resumes), args.limit) if args.limit else len(resumes)
        for leftover in ("lock",):
            if os.path.exists(os.path.join(state, leftover)):
                os.remove(os.path.join(state, leftover))
        config = json.load(open(os.path.join(base, "PicoTorrent.json")))
        config["session"]["listen_interfaces"] = "127.0.0.1:%d" % free_port()
        config["plugins"] = ["gui"]
        config.pop("websocket", None)
        config.setdefault("ui", {})["show_add_torrent_dialog"] = False
        config_file = os.path.join(tmp, "PicoTorrent.json")
        json.dump(config, open(config_file, "w"))
        argv = [args.picotorrent, "gui", "--config", config_file, "--state-dir", state]
        main_title, key, dialog_title, quit_key = "^PicoTorrent", "ctrl+comma", "^Preferences$", "ctrl+q"
    else:
        profile = os.path.join(tmp, "profile")
        shutil.copytree(os.path.join(base, "profile"), profile)
        backup = os.path.join(profile, "qBittorrent", "data", "BT_backup")
        hashes = sorted(n[:-len(".fastresume")] for n in os.listdir(backup) if n.endswith(".fastresume"))
        for extra in hashes[args.limit:] if args.limit else []:
            for suffix in (".fastresume", ".torrent"):
                if os.path.exists(os.path.join(backup, extra + suffix)):
                    os.remove(os.path.join(backup, extra + suffix))
        torrents = min(len(hashes), args.limit) if args.limit else len(hashes)
        conf = os.path.join(profile, "qBittorrent", "config", "qBittorrent.conf")
        text = open(conf).read()
        text = re.sub(r"Session\\Port=\d+", "Session\\\\Port=%d" % free_port(), text)
        text = text.replace("[Preferences]", "[Preferences]\nGeneral\\NoSplashScreen=true\nGeneral\\CloseToTray=false\n"
                            "General\\ExitConfirm=false\nGeneral\\HideZeroValues=false\nWebUI\\Enabled=false", 1)
        open(conf, "w").write(text)
        argv = [args.qbittorrent, "--profile=" + profile, "--no-splash"]
        main_title, key, dialog_title, quit_key = "^qBittorrent", "alt+o", "^Preferences$", "ctrl+q"
    t0 = time.time()
    p = spawn(argv, env=env, stdout=subprocess.DEVNULL, stderr=open(os.path.join(tmp, "stderr.log"), "w"))
    w = wait_for(client + " main window", lambda: window(main_title), proc=p, folder=tmp)
    t_window = time.time() - t0
    # Focus can be lost to a window that maps late: ask until the dialog shows.
    def dialog_up():
        if window(dialog_title):
            return True
        xdo("windowfocus", "--sync", window(main_title) or w)
        xdo("key", "--clearmodifiers", key)
        return bool(wait_check(lambda: window(dialog_title), 1.0))
    wait_for(client + " dialog", dialog_up, step=0, proc=p, folder=tmp)
    t_usable = time.time() - t0
    d = window(dialog_title)
    xdo("windowfocus", "--sync", d)
    xdo("key", "--clearmodifiers", "Escape")
    time.sleep(1)
    before = cpu_ticks(p.pid)
    time.sleep(args.idle_seconds)
    cpu = (cpu_ticks(p.pid) - before) / os.sysconf("SC_CLK_TCK") / args.idle_seconds * 100
    rss = rss_mib(p.pid)
    stop(p)
    return {"client": client, "torrents": torrents, "window_s": round(t_window, 2),
            "usable_s": round(t_usable, 2), "idle_cpu_pct": round(cpu, 1), "rss_mib": round(rss)}


def wait_check(check, seconds):
    end = time.time() + seconds
    while time.time() < end:
        if check():
            return True
        time.sleep(0.02)
    return False


results = []
xvfb_tmp = tempfile.mkdtemp(prefix="pico-gui-cmp-")
try:
    display = next(":%d" % n for n in range(300, 400) if not os.path.exists("/tmp/.X%d-lock" % n))
    spawn(["Xvfb", display, "-screen", "0", "1280x860x24", "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    wait_for("Xvfb", lambda: os.path.exists("/tmp/.X11-unix/X" + display[1:]), 10)
    dead = "http://127.0.0.1:9"
    env = dict(os.environ, DISPLAY=display, XDG_RUNTIME_DIR=xvfb_tmp, QT_QPA_PLATFORM="xcb", HOME=xvfb_tmp,
               http_proxy=dead, https_proxy=dead, all_proxy=dead, no_proxy="")
    clients = args.clients.split(",")
    for run in range(args.runs):
        for client in clients:  # interleaved, so a load change hits both
            tmp = tempfile.mkdtemp(prefix="pico-gui-cmp-run-")
            try:
                r = one_run(client, tmp, env)
                r["load"] = round(os.getloadavg()[0], 1)
                results.append(r)
                print(json.dumps(r), flush=True)
            except run_failed as e:
                print("startup_compare: %s failed (%s); its folder is kept: %s" % (client, e, tmp), file=sys.stderr)
                for p in [p for p in started[1:] if p.poll() is None]:
                    stop(p, signal.SIGKILL)
                if not args.keep_going:
                    raise SystemExit(1)
                results.append({"client": client, "failed": str(e), "folder": tmp})
            else:
                shutil.rmtree(tmp, ignore_errors=True)
    for client in clients:
        failed = [r for r in results if r["client"] == client and "failed" in r]
        if failed:
            print("%s: %d failed run(s): %s" % (client, len(failed), "; ".join(r["failed"] for r in failed)))
        rs = [r for r in results if r["client"] == client and "failed" not in r]
        if rs:
            print("%s, %d torrents: window %.2f s, usable %.2f s (median of %d), idle CPU %.1f%%, RSS %d MiB"
                  % (client, rs[0]["torrents"], statistics.median(r["window_s"] for r in rs),
                     statistics.median(r["usable_s"] for r in rs), len(rs),
                     statistics.median(r["idle_cpu_pct"] for r in rs), statistics.median(r["rss_mib"] for r in rs)))
finally:
    for p in reversed(started):
        stop(p, timeout=30)
    shutil.rmtree(xvfb_tmp, ignore_errors=True)
