"""The screenshot scene of the web dashboard's browser test (docs/images/web-dashboard*.png)."""
import json
import os
import secrets
import subprocess
import time
import urllib.parse

from web_dashboard_support import By, Process, wait_for

def screenshot_scene(directory, exe, workdir, page, peer_port, first_hash, started):
    """For docs/images/web-dashboard.png: a multi-file torrent mid-download (a torrent limit
    keeps it there), a paused magnet, the finished download; the files tab of the first."""
    driver = page.d
    album = os.path.join(workdir, "album", "Example album")
    os.makedirs(os.path.join(album, "disc 1"))
    for i in range(1, 7):
        with open(os.path.join(album, "disc 1", "track %02d.flac" % i), "wb") as f:
            f.write(os.urandom(700000 + i * 90000))
    with open(os.path.join(album, "cover.jpg"), "wb") as f:
        f.write(os.urandom(150000))
    album_torrent = os.path.join(workdir, "album.torrent")
    subprocess.run([exe, "create", album, "-o", album_torrent, "--v1-only"], check=True, capture_output=True)
    album_hash = json.loads(subprocess.run([exe, "inspect", album_torrent, "--json"], check=True,
                                           capture_output=True, text=True).stdout)["info_hash_v1"]
    page.add(torrent_file=album_torrent, paused=True)
    wait_for("the album's row", lambda: page.row(album_hash), 20)
    page.set_torrent_limit(album_hash, download_kib=300)
    page.click("btn-resume")
    wait_for("the album to start", lambda: page.status_code(album_hash) in (2, 3, 4, 8), 30)
    seeder_config = os.path.join(workdir, "seeder.json")
    seeder = Process([exe, "seed", album_torrent, album, "--host", "127.0.0.1", "--port", "0", "--no-plugins",
                      "--config", seeder_config, "--state-dir", os.path.join(workdir, "album-seeder-state"),
                      "--peer", "127.0.0.1:%d" % peer_port], workdir, "album-seeder")
    started.append(seeder)
    page.add(magnet="magnet:?xt=urn:btih:%s&dn=%s" % (secrets.token_hex(20), urllib.parse.quote("Open data set 2026")),
             paused=True)
    wait_for("the album under way", lambda: (page.cell(album_hash, "progress") or "100%") not in ("0.0%", "100%")
             and page.status_code(album_hash) == 2, 60)
    page.select_only(album_hash)
    page.tab("files")
    wait_for("the album's files", lambda: "track 06.flac" in driver.find_element(By.ID, "file-rows").text, 15)
    time.sleep(2.5)  # a session_stats refresh for the status bar, a files refresh for the tab
    os.makedirs(directory, exist_ok=True)
    shot = os.path.join(directory, "web-dashboard.png")
    driver.save_screenshot(shot)
    print("wrote " + shot)
    # The same page as a system in dark mode shows it.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    time.sleep(0.5)
    shot = os.path.join(directory, "web-dashboard-dark.png")
    driver.save_screenshot(shot)
    print("wrote " + shot)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
    driver.find_element(By.CSS_SELECTOR, '[role=tab][data-tab="general"]').click()
    page.select_only(first_hash)
