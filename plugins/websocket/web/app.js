// The dashboard: connects with the token, keeps the torrent list in step with the host's
// broadcasts and wires the toolbar, sidebar, details and dialogs together.
import { PicoConnection } from "./connection.js";
import { DetailsPanel } from "./details_panel.js";
import { askForToken, setUpAdd, setUpLimits, setUpLogin, setUpMove, setUpRemove } from "./dialogs.js";
import { byId, setText, toast } from "./dom.js";
import { formatBytes, formatLimit, formatRate, isPaused } from "./format.js";
import { setUpSettings } from "./settings_dialog.js";
import { forgetToken, isUsableToken, saveToken, takeTokenFromLocation } from "./token.js";
import { TorrentTable } from "./torrent_table.js";

const statsRefreshMs = 2000;
// What every host of api_version 1 answers, before its hello names the rest.
const baseRequests = ["add", "pause", "resume", "remove"];

const app = {
  connection: null,
  requests: new Set(baseRequests),
  globalLimits: null,
  defaultSavePath: "",
  statsTimer: 0,
  table: null,
  details: null,
  openLimits: () => {},
  openMove: () => {},

  supports(type) {
    return this.requests.has(type);
  },

  /** The requests the host answers; also on <body data-requests> for tests and styles. */
  setRequests(list) {
    this.requests = new Set([...baseRequests, ...list]);
    document.body.dataset.requests = [...this.requests].join(" ");
    byId("btn-limits").hidden = !this.supports("set_limits");
  },

  torrent(hash) {
    return this.table.get(hash);
  },

  /** Sends `type` for each hash; one toast sums up the failures. */
  async forEachHash(hashes, type, fields = {}) {
    const results = await Promise.allSettled(hashes.map((h) => this.connection.request(type, { ...fields, info_hash: h })));
    const failed = results.filter((r) => r.status === "rejected");
    if (failed.length) toast(`${type}: ${failed[0].reason.message}${failed.length > 1 ? ` (and ${failed.length - 1} more)` : ""}`, "error");
  },

  async refreshStats() {
    clearTimeout(this.statsTimer);
    if (this.connection?.isOpen && this.supports("session_stats")) {
      try {
        const { stats } = await this.connection.request("session_stats");
        showStats(stats ?? {});
      } catch (error) {
        setText(byId("totals"), error.message);
      }
    } else if (this.connection?.isOpen) {
      showStats(null);
    }
    this.statsTimer = setTimeout(() => this.refreshStats(), statsRefreshMs);
  },
};

function showStats(stats) {
  if (!stats) {
    // An older host: add the torrents' rates up instead.
    let down = 0;
    let up = 0;
    for (const t of app.table.torrents.values()) {
      down += t.dl_rate || 0;
      up += t.ul_rate || 0;
    }
    setText(byId("rates"), `↓ ${formatRate(down) || "0 B/s"}  ↑ ${formatRate(up) || "0 B/s"}`);
    return;
  }
  setText(byId("rates"), `↓ ${formatRate(stats.dl_rate) || "0 B/s"}  ↑ ${formatRate(stats.ul_rate) || "0 B/s"}`);
  const totals = [];
  if (typeof stats.total_downloaded === "number") totals.push(`Downloaded ${formatBytes(stats.total_downloaded)}`);
  if (typeof stats.total_uploaded === "number") totals.push(`uploaded ${formatBytes(stats.total_uploaded)}`);
  setText(byId("totals"), totals.join(", "));
  setText(byId("free-space"), typeof stats.free_space === "number" && stats.free_space >= 0 ? `Free ${formatBytes(stats.free_space)}` : "");
  if ("download_rate_limit" in stats || "upload_rate_limit" in stats) {
    app.globalLimits = { download: stats.download_rate_limit ?? 0, upload: stats.upload_rate_limit ?? 0 };
  }
  const limits = app.globalLimits;
  setText(byId("btn-limits"), limits ? `Limits ↓ ${formatLimit(limits.download)} ↑ ${formatLimit(limits.upload)}` : "Limits");
}

function showConnection(state, retryInMs) {
  const node = byId("conn-state");
  const text = {
    connecting: "Connecting…",
    open: `Connected to ${location.host}`,
    waiting: `Disconnected; retrying in ${Math.ceil((retryInMs ?? 0) / 1000)} s`,
    refused: "Refused: wrong token?",
  }[state];
  setText(node, text ?? state);
  node.className = `conn conn-${state}`;
  document.body.classList.toggle("offline", state !== "open");
}

function updateToolbar(selected) {
  const torrents = [...selected].map((h) => app.torrent(h)).filter(Boolean);
  byId("btn-pause").disabled = !torrents.some((t) => !isPaused(t.status));
  byId("btn-resume").disabled = !torrents.some((t) => isPaused(t.status));
  byId("btn-remove").disabled = torrents.length === 0;
}

function updateCounts() {
  const counts = app.table.counts();
  for (const button of byId("status-filters").querySelectorAll("button[data-filter]")) {
    setText(button.querySelector(".count"), counts[button.dataset.filter] ?? 0);
  }
}

function connect(token) {
  if (!isUsableToken(token)) {
    askForToken("That token has characters a WebSocket cannot carry. Paste it again.");
    return;
  }
  saveToken(token);
  if (byId("login-dialog").open) byId("login-dialog").close();
  app.connection?.close();
  const connection = new PicoConnection(token);
  app.connection = connection;
  connection.addEventListener("status", ({ detail }) => {
    showConnection(detail.state, detail.retryInMs);
    // A restarted host may be another version: only its own hello says what it answers.
    if (detail.state === "connecting") app.setRequests([]);
    if (detail.state === "refused") {
      forgetToken();
      askForToken("The host refused the token. Enter the current websocket.token.");
    }
  });
  connection.addEventListener("pico_state", ({ detail }) => {
    app.table.replaceAll(Array.isArray(detail.torrents) ? detail.torrents : []);
    app.refreshStats();
    app.details.torrentChanged(app.details.hash);
  });
  connection.addEventListener("hello", ({ detail }) => {
    if (Array.isArray(detail.requests)) app.setRequests(detail.requests.filter((r) => typeof r === "string"));
    document.title = `PicoTorrent ${detail.app_version ?? ""}`.trim();
    app.refreshStats();
    app.details.refresh();
  });
  connection.addEventListener("torrent_added", ({ detail }) => detail.torrent && app.table.upsert([detail.torrent]));
  connection.addEventListener("torrent_finished", ({ detail }) => {
    if (!detail.torrent) return;
    app.table.upsert([detail.torrent]);
    toast(`Finished: ${detail.torrent.name}`);
  });
  connection.addEventListener("torrent_removed", ({ detail }) => app.table.remove(detail.info_hash));
  connection.addEventListener("torrent_updated", ({ detail }) => {
    const torrents = Array.isArray(detail.torrents) ? detail.torrents : [];
    app.table.upsert(torrents);
    for (const t of torrents) app.details.torrentChanged(t.info_hash);
  });
  try {
    connection.open();
  } catch (error) {
    askForToken(`Cannot connect: ${error.message}`);
  }
}

function setUpToolbar() {
  byId("btn-pause").addEventListener("click", () => {
    const hashes = [...app.table.selected].filter((h) => !isPaused(app.torrent(h)?.status));
    app.forEachHash(hashes, "pause");
  });
  byId("btn-resume").addEventListener("click", () => {
    const hashes = [...app.table.selected].filter((h) => isPaused(app.torrent(h)?.status));
    app.forEachHash(hashes, "resume");
  });
  byId("filter").addEventListener("input", (event) => app.table.setFilterText(event.target.value));
  byId("select-all").addEventListener("change", (event) => app.table.selectAllShown(event.target.checked));
  for (const button of byId("status-filters").querySelectorAll("button[data-filter]")) {
    button.addEventListener("click", () => {
      for (const other of byId("status-filters").querySelectorAll("button")) other.classList.toggle("active", other === button);
      app.table.setStatusFilter(button.dataset.filter);
    });
  }
  byId("btn-logout").addEventListener("click", () => {
    forgetToken();
    app.connection?.close();
    app.table.replaceAll([]);
    showConnection("connecting");
    askForToken("Logged out. Enter the token to connect again.");
  });
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select, dialog")) return;
    if (event.key === "Delete" && app.table.selected.size) byId("btn-remove").click();
    if (event.key === "a" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      app.table.selectAllShown(true);
    }
  });
}

function start() {
  app.table = new TorrentTable(byId("torrents"), {
    onSelectionChange: (selected) => updateToolbar(selected),
    onFocus: (hash) => app.details.show(hash),
    onRender: (shown, total) => {
      byId("empty").hidden = total > 0;
      updateCounts();
      updateToolbar(app.table.selected);
    },
  });
  app.details = new DetailsPanel(app);
  app.setRequests([]);
  setUpToolbar();
  setUpLogin(connect);
  setUpAdd(app);
  setUpRemove(app);
  setUpLimits(app);
  setUpMove(app);
  setUpSettings(app);
  // A #token= URL opened over this page does not reload it.
  window.addEventListener("hashchange", () => {
    const token = takeTokenFromLocation();
    if (token && token !== app.connection?.token) connect(token);
  });
  const token = takeTokenFromLocation();
  if (token) connect(token);
  else askForToken("Enter the host's websocket.token (from picotorrent config show) to connect.");
}

start();
