"""Helpers of the web dashboard's browser test: processes stopped by their own PID, loopback-only
configurations, the foreign-origin page, headless Chromium with no way out, and the page as a
user sees it (class Dashboard)."""
import http.server
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import threading
import time

SKIP = 77
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None)
try:
    from selenium import webdriver
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.select import Select
except ImportError:  # the test then skips (77); the names below only keep the imports working
    webdriver = Service = By = Keys = Select = None
    StaleElementReferenceException = WebDriverException = Exception

# Used by web_dashboard_test.py and web_dashboard_screenshot.py.
__all__ = ["SKIP", "CHROMIUM", "CHROMEDRIVER", "webdriver", "By", "Keys", "WebDriverException", "fail", "free_port",
           "wait_for", "Process", "loopback_config", "ForeignOrigin", "start_browser", "Dashboard"]


def fail(message):
    raise AssertionError(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, check, timeout=30.0, interval=0.1):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = check()
        except StaleElementReferenceException:
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            fail("timed out waiting for " + what)
        time.sleep(interval)


class Process:
    """A child with its stderr (and stdout) collected in files, stopped by its own PID."""

    def __init__(self, args, workdir, name):
        self.name = name
        self.out_path = os.path.join(workdir, name + ".out")
        self.err_path = os.path.join(workdir, name + ".err")
        self.proc = subprocess.Popen(args, stdout=open(self.out_path, "w"), stderr=open(self.err_path, "w"),
                                     stdin=subprocess.DEVNULL)

    def text(self, which="err"):
        with open(self.err_path if which == "err" else self.out_path, errors="replace") as f:
            return f.read()

    def wait_for_line(self, pattern, timeout=60.0, which="err"):
        def found():
            m = re.search(pattern, self.text(which))
            if not m and self.proc.poll() is not None:
                fail("%s exited with %s before printing %r:\n%s" % (self.name, self.proc.returncode, pattern,
                                                                    self.text()))
            return m
        return wait_for("%s to print %r" % (self.name, pattern), found, timeout)

    def stop(self, timeout=30):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode


def loopback_config(path, peer_port, extra):
    config = {
        "plugins": ["websocket"],
        "session": {"listen_interfaces": "127.0.0.1:%d" % peer_port, "enable_dht": False, "enable_lsd": False,
                    "enable_upnp": False, "enable_natpmp": False},
        # Discard port on loopback: an update check fails at once and never leaves the machine.
        "update_url": "http://127.0.0.1:9/releases/latest",
    }
    for key, value in extra.items():
        if key == "session":
            config["session"].update(value)
        else:
            config[key] = value
    with open(path, "w") as f:
        json.dump(config, f, indent=2)


class ForeignOrigin:
    """A page on another loopback port that tries to open the host's WebSocket with the token,
    and to show the dashboard in a frame."""

    def __init__(self, root, ws_url, token, dashboard_url):
        os.makedirs(root)
        with open(os.path.join(root, "index.html"), "w") as f:
            f.write('<!doctype html><title>foreign</title><script src="probe.js"></script>'
                    '<iframe src="%s"></iframe>' % dashboard_url)
        with open(os.path.join(root, "probe.js"), "w") as f:
            f.write("document.title = 'trying';\n"
                    "const ws = new WebSocket(%s, ['pico.v1', 'token.' + %s]);\n"
                    "ws.onopen = () => { document.title = 'connected'; };\n"
                    "ws.onmessage = (e) => { document.title = 'message: ' + e.data.slice(0, 40); };\n"
                    "ws.onclose = () => { if (!document.title.startsWith('message')) document.title = 'refused'; };\n"
                    % (json.dumps(ws_url), json.dumps(token)))
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def __init__(self, *a, **kw):
                super().__init__(*a, directory=root, **kw)

            def log_message(self, *a):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def start_browser(workdir):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--proxy-server=127.0.0.1:9", "--disable-background-networking",
                 "--no-first-run", "--disable-sync", "--disable-component-update", "--disable-default-apps",
                 "--disable-extensions", "--no-default-browser-check", "--disable-dev-shm-usage", "--no-pings",
                 "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
                 "--window-size=1280,800", "--user-data-dir=" + os.path.join(workdir, "chromium-profile")):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=CHROMEDRIVER, log_path=os.path.join(workdir, "chromedriver.log"))
    return webdriver.Chrome(service=service, options=options)


class Dashboard:
    """The page as a user sees it: rows by info hash, toolbar buttons, dialogs."""

    def __init__(self, driver):
        self.d = driver

    def row(self, info_hash):
        rows = self.d.find_elements(By.CSS_SELECTOR, 'tr[data-hash="%s"]' % info_hash)
        return rows[0] if rows else None

    def cell(self, info_hash, name):
        row = self.row(info_hash)
        return row.find_element(By.CSS_SELECTOR, "td." + name).text if row else None

    def status_code(self, info_hash):
        row = self.row(info_hash)
        return int(row.get_attribute("data-status")) if row else None

    def select_only(self, info_hash):
        self.row(info_hash).find_element(By.CSS_SELECTOR, "td.name").click()
        wait_for("the row to be selected", lambda: "selected" in self.row(info_hash).get_attribute("class"))

    def click(self, element_id):
        button = self.d.find_element(By.ID, element_id)
        wait_for("#%s to be enabled" % element_id, button.is_enabled, 10)
        button.click()

    def connected(self):
        return self.d.find_element(By.ID, "conn-state").text.startswith("Connected")

    def supports(self, request_type):
        return self.d.execute_script("return document.body.dataset.requests || ''").split(" ").count(request_type) > 0

    def add(self, magnet=None, torrent_file=None, paused=False, refused_save_path=None):
        """Adds from the dialog; with refused_save_path, first tries that path and expects the
        host's refusal in the dialog."""
        self.click("btn-add")
        wait_for("the add dialog", lambda: self.d.find_element(By.ID, "add-dialog").is_displayed(), 10)
        if refused_save_path:
            self.d.find_element(By.ID, "add-magnets").send_keys(magnet)
            self.d.find_element(By.ID, "add-save-path").send_keys(refused_save_path)
            self.d.find_element(By.ID, "add-submit").click()
            error = self.d.find_element(By.ID, "add-error")
            wait_for("the host's refusal in the add dialog", error.is_displayed, 10)
            if "allowed save roots" not in error.text:
                fail("the add dialog does not show the host's reason: " + error.text)
            self.d.find_element(By.ID, "add-magnets").clear()
            self.d.find_element(By.ID, "add-save-path").clear()
        if magnet:
            self.d.find_element(By.ID, "add-magnets").send_keys(magnet)
        if torrent_file:
            self.d.find_element(By.ID, "add-files").send_keys(torrent_file)
        if paused:
            self.d.find_element(By.ID, "add-paused").click()
        self.d.find_element(By.ID, "add-submit").click()
        wait_for("the add dialog to close", lambda: not self.d.find_element(By.ID, "add-dialog").is_displayed(), 20)

    def tab(self, name):
        self.d.find_element(By.CSS_SELECTOR, '[role=tab][data-tab="%s"]' % name).click()

    def priority_of(self, index):
        selects = self.d.find_elements(By.CSS_SELECTOR, '#file-rows select[data-index="%d"]' % index)
        return selects[0].get_attribute("value") if selects else None

    def file_priority(self, index, before, after):
        """Changes file `index`'s priority from `before` to `after` with its select."""
        wait_for("file %d at priority %s" % (index, before), lambda: self.priority_of(index) == before, 15)
        select = self.d.find_element(By.CSS_SELECTOR, '#file-rows select[data-index="%d"]' % index)
        Select(select).select_by_value(after)

    def set_global_limits(self, download_kib, upload_kib):
        self.click("btn-limits")
        dialog = self.d.find_element(By.ID, "limits-dialog")
        wait_for("the limits dialog", dialog.is_displayed, 10)
        for field, value in (("limit-download", download_kib), ("limit-upload", upload_kib)):
            box = self.d.find_element(By.ID, field)
            box.clear()
            box.send_keys(str(value))
        self.d.find_element(By.CSS_SELECTOR, "#limits-form button[type=submit]").click()
        wait_for("the limits dialog to close", lambda: not dialog.is_displayed(), 10)

    def set_torrent_limit(self, info_hash, download_kib):
        """Sets the focused torrent's download limit from its details panel."""
        self.select_only(info_hash)
        self.d.find_element(By.CSS_SELECTOR, '[role=tab][data-tab="general"]').click()
        self.d.find_element(By.CSS_SELECTOR, '#tab-general [data-action="limits"]').click()
        dialog = self.d.find_element(By.ID, "limits-dialog")
        wait_for("the limits dialog", dialog.is_displayed, 10)
        for field, value in (("limit-download", str(download_kib)), ("limit-upload", "0")):
            box = self.d.find_element(By.ID, field)
            box.clear()
            box.send_keys(value)
        self.d.find_element(By.CSS_SELECTOR, "#limits-form button[type=submit]").click()
        wait_for("the limits dialog to close", lambda: not dialog.is_displayed(), 10)

    def remove(self, info_hash, delete_data):
        self.select_only(info_hash)
        self.click("btn-remove")
        wait_for("the remove dialog", lambda: self.d.find_element(By.ID, "remove-dialog").is_displayed(), 10)
        box = self.d.find_element(By.ID, "remove-data")
        if box.is_selected() != delete_data:
            box.click()
        self.d.find_element(By.ID, "remove-confirm").click()
        wait_for("the row of %s to go" % info_hash, lambda: self.row(info_hash) is None, 30)
