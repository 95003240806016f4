#!/usr/bin/env python3
"""The web dashboard in a real headless Chromium (Selenium), against a real `picotorrent run`
downloading from a real loopback seeder (`picotorrent seed`).

  web_dashboard_test.py --picotorrent build/bin/picotorrent [--screenshot-dir DIR]

Checks: the page lists the torrent added by upload; it shows progress to finished; pause and
resume change its status; the details panel lists its files; a magnet added from the page
appears; a name with HTML shows as text; the page reconnects after the host restarts; remove
removes (with and without data); a page from another origin cannot connect. With
--screenshot-dir (or PICO_SCREENSHOT_DIR) it saves web-dashboard.png and web-dashboard-dark.png
there (scripts/screenshots-web makes docs/images/ that way).

Exits 77 (ctest's SKIP_RETURN_CODE) only when chromium, chromedriver or selenium is missing.
Network: everything on 127.0.0.1; DHT, LSD, UPnP and NAT-PMP off; the browser has a dead
proxy and no background networking. Stops only the processes it started, by PID.
"""
import argparse
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

from web_dashboard_screenshot import screenshot_scene
from web_dashboard_support import (CHROMEDRIVER, CHROMIUM, SKIP, By, Dashboard, ForeignOrigin, Keys, Process,
                                   WebDriverException, fail, free_port, loopback_config, start_browser, wait_for,
                                   webdriver)


def run(args, workdir):
    exe = args.picotorrent
    t0 = time.monotonic()

    # A 3 MiB payload the seeder sends at 1 MiB/s, so the page sees the download under way.
    seed_dir = os.path.join(workdir, "seed")
    os.makedirs(seed_dir)
    payload = os.path.join(seed_dir, "web-test-payload.bin")
    with open(payload, "wb") as f:
        f.write(os.urandom(3 * 1024 * 1024))
    torrent = os.path.join(workdir, "payload.torrent")
    # A tracker on the discard port: the trackers tab has a row, and nothing leaves loopback.
    subprocess.run([exe, "create", payload, "-o", torrent, "--v1-only", "--tracker", "http://127.0.0.1:9/announce"],
                   check=True, capture_output=True)
    info = json.loads(subprocess.run([exe, "inspect", torrent, "--json"], check=True, capture_output=True,
                                     text=True).stdout)
    info_hash = info.get("info_hash_v1") or info.get("info_hash")
    if not (isinstance(info_hash, str) and re.fullmatch(r"[0-9a-f]{40}", info_hash)):
        fail("cannot read the v1 info hash from inspect --json: %r" % info)

    token = secrets.token_hex(32)
    ws_port, peer_port = free_port(), free_port()
    downloads = os.path.join(workdir, "downloads")
    os.makedirs(downloads)
    host_config = os.path.join(workdir, "PicoTorrent.json")
    loopback_config(host_config, peer_port, {
        "save_path": downloads,
        "websocket": {"enabled": True, "listen_port": ws_port, "token": token},
    })
    host_args = [exe, "run", "--config", host_config, "--state-dir", os.path.join(workdir, "state"),
                 "--plugins", "websocket"]
    host = Process(host_args, workdir, "host")
    started = [host]
    host.wait_for_line(r"dashboard at http://127\.0\.0\.1:%d/" % ws_port)

    foreign = ForeignOrigin(os.path.join(workdir, "foreign"), "ws://127.0.0.1:%d/" % ws_port, token,
                            "http://127.0.0.1:%d/" % ws_port)
    driver = start_browser(workdir)
    page = Dashboard(driver)
    try:
        # A wrong token in the fragment: refused twice while the page itself loads, so the page
        # asks for the token instead of retrying; the form then connects with the right one.
        driver.get("http://127.0.0.1:%d/#token=%s" % (ws_port, "wrong-" + secrets.token_hex(16)))
        login = driver.find_element(By.ID, "login-dialog")
        wait_for("the login form after a refused token", login.is_displayed, 30)
        if "refused" not in driver.find_element(By.ID, "login-message").text:
            fail("the login form does not say the token was refused: " + driver.find_element(By.ID, "login-message").text)
        if "#" in driver.current_url:
            fail("the fragment is still in the address bar: " + driver.current_url)
        driver.find_element(By.ID, "login-token").send_keys(token)
        driver.find_element(By.CSS_SELECTOR, "#login-form button[type=submit]").click()
        wait_for("the page to connect", page.connected, 30)
        if driver.execute_script("return sessionStorage.getItem('picotorrent.token')") != token:
            fail("the token is not kept in sessionStorage")

        # The token arrives in the fragment, then leaves the address bar for sessionStorage:
        # on a fresh load, and when a #token= URL is opened over the page already there.
        driver.execute_script("sessionStorage.clear()")
        driver.get("about:blank")
        dashboard_url = "http://127.0.0.1:%d/#token=%s" % (ws_port, token)
        driver.get(dashboard_url)
        wait_for("the page to connect", page.connected, 30)
        if token in driver.current_url:
            fail("the token is still in the address bar: " + driver.current_url)
        driver.get(dashboard_url)
        wait_for("the token to leave the address bar again", lambda: token not in driver.current_url, 10)
        wait_for("the page to connect", page.connected, 30)
        if driver.execute_script("return sessionStorage.getItem('picotorrent.token')") != token:
            fail("the token is not kept in sessionStorage")
        if token in driver.execute_script("return JSON.stringify(localStorage)"):
            fail("the token landed in localStorage")

        # The host's hello names the requests the page uses beyond the reference's four.
        wanted = ["get_state", "files", "set_file_priorities", "peers", "trackers", "session_stats", "get_settings",
                  "set_settings", "recheck", "move_storage", "queue_up", "queue_down", "set_limits"]
        wait_for("hello's request list", lambda: page.supports("session_stats"), 10)
        missing = [r for r in wanted if not page.supports(r)]
        if missing:
            fail("the host's hello does not list %s" % ", ".join(missing))

        # Add by .torrent upload, paused; the row appears with the torrent's name.
        page.add(torrent_file=torrent, paused=True)
        wait_for("the uploaded torrent's row", lambda: page.row(info_hash), 20)
        if page.cell(info_hash, "name") != "web-test-payload.bin":
            fail("the row's name is %r" % page.cell(info_hash, "name"))
        wait_for("the torrent to show as paused", lambda: page.status_code(info_hash) == 6, 10)

        # libtorrent does not limit loopback peers by the session's limits, but a torrent's own
        # limit holds for them: set one from the details panel so the page sees the download
        # under way (about 6 s for 3 MiB).
        page.set_torrent_limit(info_hash, download_kib=512)
        page.click("btn-resume")
        # Out of libtorrent's queue (7) too: a queued torrent turns incoming peers away.
        wait_for("the torrent to start", lambda: page.status_code(info_hash) in (2, 3, 4, 8), 30)

        # The seeder dials the host's peer port once, when it has checked its data. The host has
        # the torrent by then (its row is on the page); should the dial still be turned away,
        # a new seeder dials again. While the download runs, the peers tab lists the seeder.
        seeder_config = os.path.join(workdir, "seeder.json")
        loopback_config(seeder_config, 0, {})
        page.tab("peers")
        for attempt in range(3):
            seeder = Process([exe, "seed", torrent, payload, "--host", "127.0.0.1", "--port", "0", "--no-plugins",
                              "--config", seeder_config, "--state-dir", os.path.join(workdir, "seeder-state"),
                              "--peer", "127.0.0.1:%d" % peer_port], workdir, "seeder-%d" % attempt)
            started.append(seeder)
            seeder.wait_for_line(r"seeding .* on 127\.0\.0\.1:\d+", which="out")
            try:
                wait_for("the seeder in the peers tab",
                         lambda: "127.0.0.1:" in driver.find_element(By.ID, "peer-rows").text, 10)
                break
            except AssertionError:
                if attempt == 2:
                    raise
                print("NOTE: the seeder's dial was not taken; dialing again")
                seeder.stop()
        page.tab("general")

        seen = set()

        def finished():
            text = page.cell(info_hash, "progress") or ""
            seen.add(text)
            return text == "100%" and page.status_code(info_hash) in (1, 10, 15)
        wait_for("the download to finish on the page", finished, 60, 0.05)
        partial = [s for s in seen if s not in ("", "0.0%", "100%")]
        if not partial:
            fail("the page never showed progress between 0 and 100%%: %r" % sorted(seen))
        with open(payload, "rb") as a, open(os.path.join(downloads, "web-test-payload.bin"), "rb") as b:
            if hashlib.sha256(a.read()).digest() != hashlib.sha256(b.read()).digest():
                fail("the downloaded file differs from the payload")
        print("progress seen on the page: %s" % ", ".join(sorted(partial)[:6]))

        # Pause and resume change its status.
        page.select_only(info_hash)
        page.click("btn-pause")
        wait_for("status Paused", lambda: page.status_code(info_hash) == 13 and page.cell(info_hash, "status") == "Paused")
        page.click("btn-resume")
        wait_for("status no longer paused", lambda: page.status_code(info_hash) in (1, 10, 14, 15))

        # The details panel: its files, with a priority the page changes; its tracker.
        details = driver.find_element(By.ID, "details")
        wait_for("the details panel", details.is_displayed, 10)
        page.tab("files")
        wait_for("the file list", lambda: "web-test-payload.bin" in driver.find_element(By.ID, "file-rows").text, 15)
        page.file_priority(0, "4", "0")
        page.tab("general")
        page.tab("files")  # a new files request: the host kept the priority
        wait_for("the skipped priority read back", lambda: page.priority_of(0) == "0", 15)
        page.file_priority(0, "0", "4")
        page.tab("trackers")
        wait_for("the tracker", lambda: "http://127.0.0.1:9/announce" in driver.find_element(By.ID, "tracker-rows").text, 15)
        page.tab("general")

        # The status bar: the session's rates and free space; global limits set from it.
        wait_for("session stats", lambda: driver.find_element(By.ID, "free-space").text.startswith("Free "), 10)
        page.set_global_limits(2048, 1024)
        wait_for("the limits in the status bar",
                 lambda: driver.find_element(By.ID, "btn-limits").text == "Limits ↓ 2.00 MiB/s ↑ 1.00 MiB/s", 10)
        with open(host_config) as f:
            session = json.load(f).get("session", {})
        if session.get("download_rate_limit") != 2048 * 1024 or session.get("upload_rate_limit") != 1024 * 1024:
            fail("the global limits did not reach the configuration: %r" % session)
        page.set_global_limits(0, 0)
        wait_for("unlimited again", lambda: driver.find_element(By.ID, "btn-limits").text == "Limits ↓ ∞ ↑ ∞", 10)

        # Settings: the form lists the host's keys (never the token) and saves a change.
        page.click("btn-settings")
        field = wait_for("the settings form", lambda: driver.find_elements(By.ID, "setting-session-active_downloads"), 10)[0]
        if token in driver.find_element(By.ID, "settings-fields").get_attribute("outerHTML"):
            fail("the settings form shows the token")
        field.clear()
        field.send_keys("5")
        driver.find_element(By.ID, "settings-save").click()
        wait_for("the settings dialog to close", lambda: not driver.find_element(By.ID, "settings-dialog").is_displayed(), 10)
        with open(host_config) as f:
            if json.load(f).get("session", {}).get("active_downloads") != 5:
                fail("set_settings from the form did not reach the configuration")

        if args.screenshot_dir:
            screenshot_scene(args.screenshot_dir, exe, workdir, page, peer_port, info_hash, started)

        # Move storage from the details panel: the file moves on disk.
        moved = os.path.join(downloads, "moved")
        page.select_only(info_hash)
        page.tab("general")
        driver.find_element(By.CSS_SELECTOR, '#tab-general [data-action="move_storage"]').click()
        dialog = driver.find_element(By.ID, "move-dialog")
        wait_for("the move dialog", dialog.is_displayed, 10)
        box = driver.find_element(By.ID, "move-path")
        box.clear()
        box.send_keys(moved)
        driver.find_element(By.CSS_SELECTOR, "#move-form button[type=submit]").click()
        wait_for("the move dialog to close", lambda: not dialog.is_displayed(), 10)
        wait_for("the file in its new folder", lambda: os.path.exists(os.path.join(moved, "web-test-payload.bin")), 20)
        wait_for("the new save path in the details",
                 lambda: moved in driver.find_element(By.ID, "general-fields").text, 10)
        # Recheck from the details panel: the host checks the moved file and seeds it again.
        driver.find_element(By.CSS_SELECTOR, '#tab-general [data-action="recheck"]').click()
        wait_for("seeding after the recheck", lambda: page.status_code(info_hash) in (10, 15)
                 and page.cell(info_hash, "progress") == "100%", 30)

        # A magnet added from the page appears; its HTML name shows as text.
        fake_hash = secrets.token_hex(20)
        html_name = "<b>x</b>"
        # A save path outside the allowed roots is refused with the host's reason, in the dialog.
        page.add(magnet="magnet:?xt=urn:btih:%s&dn=%s" % (fake_hash, urllib.parse.quote(html_name)),
                 refused_save_path=os.path.join(workdir, "elsewhere"))
        wait_for("the magnet's row", lambda: page.row(fake_hash), 20)
        wait_for("the magnet's name", lambda: page.cell(fake_hash, "name") == html_name, 10)
        if page.row(fake_hash).find_elements(By.CSS_SELECTOR, "td.name b"):
            fail("the name was parsed as HTML")

        # Sorting by a column, both ways; the filter box; the status filters.
        def shown():  # this test's two torrents, in page order (the screenshot scene adds more)
            rows = [r.get_attribute("data-hash") for r in driver.find_elements(By.CSS_SELECTOR, "#torrent-rows tr")]
            return [h for h in rows if h in (info_hash, fake_hash)]
        name_header = driver.find_element(By.CSS_SELECTOR, 'th[data-sort="name"]')
        name_header.click()
        wait_for("sorted by name", lambda: shown() == [fake_hash, info_hash], 5)  # "<" sorts before letters
        name_header.click()
        wait_for("sorted by name, reversed", lambda: shown() == [info_hash, fake_hash], 5)
        if name_header.get_attribute("aria-sort") != "descending":
            fail("the name header does not say it sorts descending")
        driver.find_element(By.CSS_SELECTOR, 'th[data-sort="queue_position"]').click()
        driver.find_element(By.ID, "filter").send_keys("test-pay")
        wait_for("the filter box", lambda: shown() == [info_hash], 5)
        driver.find_element(By.ID, "filter").clear()
        driver.find_element(By.ID, "filter").send_keys(" ")  # an input event: the box is empty again
        wait_for("the filter cleared", lambda: len(shown()) == 2, 5)
        for group, expected in (("seeding", [info_hash]), ("downloading", [fake_hash]), ("paused", []),
                                ("all", None)):
            driver.find_element(By.CSS_SELECTOR, 'button[data-filter="%s"]' % group).click()
            if expected is not None:
                wait_for("the %s filter" % group, lambda: shown() == expected, 5)
        wait_for("all shown again", lambda: len(shown()) == 2, 5)

        # From the keyboard: Space adds the row to the selection and takes it out again.
        page.select_only(info_hash)
        page.row(fake_hash).send_keys(Keys.SPACE)
        wait_for("Space to select the magnet too", lambda: "selected" in page.row(fake_hash).get_attribute("class")
                 and "selected" in page.row(info_hash).get_attribute("class"), 5)
        page.row(fake_hash).send_keys(Keys.SPACE)
        wait_for("Space to unselect it", lambda: "selected" not in page.row(fake_hash).get_attribute("class"), 5)

        # The queue: a second magnet queues behind the first; "down" in the details swaps them.
        second_hash = secrets.token_hex(20)
        page.add(magnet="magnet:?xt=urn:btih:%s&dn=second" % second_hash)
        wait_for("the second magnet's row", lambda: page.row(second_hash), 20)

        def queue(h):
            text = page.cell(h, "queue")
            return int(text) if text else None
        wait_for("the second magnet behind the first",
                 lambda: queue(fake_hash) is not None and queue(second_hash) == queue(fake_hash) + 1, 10)
        page.select_only(fake_hash)
        page.tab("general")
        driver.find_element(By.CSS_SELECTOR, '#tab-general [data-action="queue_down"]').click()
        wait_for("the first magnet moved down the queue",
                 lambda: queue(fake_hash) is not None and queue(fake_hash) == queue(second_hash) + 1, 10)
        page.remove(second_hash, delete_data=False)

        # The host restarts: the page reconnects by itself and lists the torrents again.
        host.stop()
        wait_for("the page to notice the host is gone", lambda: not page.connected(), 20)
        host = Process(host_args, workdir, "host-again")
        started.append(host)
        host.wait_for_line(r"dashboard at http://127\.0\.0\.1:%d/" % ws_port)
        wait_for("the page to reconnect", page.connected, 30)
        wait_for("the torrent listed again", lambda: page.row(info_hash) and page.row(fake_hash), 20)

        # Remove: the magnet keeping data, the download with its data.
        page.remove(fake_hash, delete_data=False)
        page.remove(info_hash, delete_data=True)
        wait_for("the downloaded file to be deleted",
                 lambda: not os.path.exists(os.path.join(moved, "web-test-payload.bin")), 20)

        # No script error on the way; refused or failed connections are the only errors logged.
        expected = ("WebSocket connection to", "net::ERR_CONNECTION_REFUSED")
        errors = [e["message"] for e in driver.get_log("browser")
                  if e.get("level") == "SEVERE" and not any(x in e.get("message", "") for x in expected)]
        if errors:
            fail("the page logged errors:\n" + "\n".join(errors))

        # A page from another origin (another port on loopback) cannot connect, token or not.
        driver.get("http://127.0.0.1:%d/index.html" % foreign.port)
        wait_for("the foreign page's verdict", lambda: driver.title not in ("", "foreign", "trying"), 20)
        if driver.title != "refused":
            fail("a page from http://127.0.0.1:%d connected: %s" % (foreign.port, driver.title))
        if "refused 127.0.0.1" not in host.text() or "Origin 'http://127.0.0.1:%d'" % foreign.port not in host.text():
            fail("the host did not log the foreign origin's refusal:\n" + host.text())
        # Nor can it show the dashboard in a frame (clickjacking): the browser refuses it.
        framing = wait_for("the browser to refuse the frame", lambda: [
            e["message"] for e in driver.get_log("browser") if "frame-ancestors" in e.get("message", "")], 10)
        print("framing refused: " + framing[0][:120])
    except BaseException:
        try:
            for entry in driver.get_log("browser"):
                print("browser:", entry.get("level"), entry.get("message"), file=sys.stderr)
            print("page text:\n" + driver.find_element(By.TAG_NAME, "body").text, file=sys.stderr)
        except WebDriverException:
            pass
        for p in started:
            print("--- %s stderr:\n%s" % (p.name, p.text()[-4000:]), file=sys.stderr)
        raise
    finally:
        driver.quit()
        foreign.close()
        for p in reversed(started):
            p.stop()
    print("web dashboard test passed in %.1f s" % (time.monotonic() - t0))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--picotorrent", required=True)
    parser.add_argument("--screenshot-dir", default=os.environ.get("PICO_SCREENSHOT_DIR"))
    args = parser.parse_args()
    missing = [name for name, there in (("chromium", CHROMIUM), ("chromedriver (chromium-driver)", CHROMEDRIVER),
                                        ("python3-selenium", webdriver)) if not there]
    if missing:
        print("SKIP: %s not installed (scripts/install-deps installs them)" % ", ".join(missing))
        return SKIP
    workdir = tempfile.mkdtemp(prefix="pico-web-test-")
    try:
        run(args, workdir)
    except AssertionError as e:
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    finally:
        if os.environ.get("PICO_KEEP_TEST_DIRS"):
            print("kept " + workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
