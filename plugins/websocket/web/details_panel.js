// The details of the focused torrent: general fields and actions, files (with priorities),
// peers and trackers. The open tab is asked for again every two seconds.
import { byId, clear, el, setText, toast } from "./dom.js";
import { formatBytes, formatLimit, formatPercent, formatRate, formatRatio, formatTime, statusName } from "./format.js";

const refreshMs = 2000;
const priorities = [
  [0, "Skip"],
  [1, "Low"],
  [4, "Normal"],
  [7, "High"],
];

// Replaces the rows of a details table: cellsOf(item) gives [text, className?] per column.
function fillRows(body, items, emptyText, cellsOf) {
  clear(body);
  for (const item of items) {
    const cells = cellsOf(item).map(([text, className]) => el("td", { className, text }));
    body.append(el("tr", { children: cells }));
  }
  const columns = body.closest("table").tHead.rows[0].cells.length;
  if (!items.length) body.append(el("tr", { children: [el("td", { text: emptyText, attrs: { colspan: columns } })] }));
}

export class DetailsPanel {
  /**
   * @param {object} app  connection (PicoConnection), supports(type), torrent(hash),
   *                      openLimits(hash), openMove(hash)
   */
  constructor(app) {
    this.app = app;
    this.section = byId("details");
    this.hash = null;
    this.tab = "general";
    this.timer = 0;
    this.files = [];
    for (const button of this.section.querySelectorAll("[role=tab]")) {
      button.addEventListener("click", () => this.showTab(button.dataset.tab));
    }
    byId("details-close").addEventListener("click", () => this.show(null));
    for (const button of byId("tab-general").querySelectorAll("[data-action]")) {
      button.addEventListener("click", () => this.action(button.dataset.action));
    }
  }

  /** Shows the details of `hash` (null hides the panel). */
  show(hash) {
    this.hash = hash;
    this.section.hidden = !hash;
    clearTimeout(this.timer);
    if (hash) this.refresh();
  }

  showTab(tab) {
    this.tab = tab;
    for (const button of this.section.querySelectorAll("[role=tab]")) {
      button.setAttribute("aria-selected", String(button.dataset.tab === tab));
    }
    for (const name of ["general", "files", "peers", "trackers"]) byId(`tab-${name}`).hidden = name !== tab;
    clearTimeout(this.timer);
    this.refresh();
  }

  /** Called when the torrent changed (torrent_updated): the general tab follows at once. */
  torrentChanged(hash) {
    if (hash === this.hash && this.tab === "general") this.renderGeneral();
  }

  async refresh() {
    clearTimeout(this.timer);
    const hash = this.hash;
    if (!hash) return;
    const torrent = this.app.torrent(hash);
    setText(byId("details-title"), torrent?.name ?? hash);
    try {
      if (this.tab === "general") this.renderGeneral();
      else if (this.tab === "files") await this.load("files", (r) => this.renderFiles(r.files ?? []));
      else if (this.tab === "peers") await this.load("peers", (r) => this.renderPeers(r.peers ?? []));
      else if (this.tab === "trackers") await this.load("trackers", (r) => this.renderTrackers(r.trackers ?? []));
    } catch (error) {
      this.note(error.message);
    }
    if (this.hash === hash) this.timer = setTimeout(() => this.refresh(), refreshMs);
  }

  async load(type, render) {
    if (!this.app.supports(type)) {
      this.note(`This host does not answer "${type}".`);
      return;
    }
    const hash = this.hash;
    const reply = await this.app.connection.request(type, { info_hash: hash });
    if (this.hash !== hash) return;
    this.note("");
    render(reply);
  }

  note(text) {
    const p = byId("details-note");
    setText(p, text);
    p.hidden = !text;
  }

  renderGeneral() {
    const t = this.app.torrent(this.hash);
    const dl = byId("general-fields");
    clear(dl);
    if (!t) return;
    const rows = [
      ["Name", t.name],
      ["Info hash", t.info_hash],
      ["Status", t.status === 9 && t.error ? `Error: ${t.error}` : statusName(t.status)],
      ["Progress", formatPercent(t.progress)],
      ["Size", formatBytes(t.size)],
      ["Save path", t.save_path],
      ["Downloaded", t.total_downloaded === undefined ? undefined : formatBytes(t.total_downloaded)],
      ["Uploaded", t.total_uploaded === undefined ? undefined : formatBytes(t.total_uploaded)],
      ["Ratio", formatRatio(t.ratio)],
      ["Rates", `↓ ${formatRate(t.dl_rate) || "0 B/s"}  ↑ ${formatRate(t.ul_rate) || "0 B/s"}`],
      ["Added", formatTime(t.added_time, "long")],
      ["Limits", t.limits ? `↓ ${formatLimit(t.limits.download)}  ↑ ${formatLimit(t.limits.upload)}` : undefined],
    ];
    for (const [label, value] of rows) {
      if (value === undefined || value === "") continue;
      dl.append(el("dt", { text: label }), el("dd", { text: value }));
    }
    for (const button of byId("tab-general").querySelectorAll("[data-action]")) {
      const type = button.dataset.action === "limits" ? "set_limits" : button.dataset.action;
      button.hidden = !this.app.supports(type);
    }
  }

  async action(type) {
    const hash = this.hash;
    if (!hash) return;
    if (type === "limits") return this.app.openLimits(hash);
    if (type === "move_storage") return this.app.openMove(hash);
    try {
      await this.app.connection.request(type, { info_hash: hash });
      toast(type === "recheck" ? "Checking the files again" : "Queue changed");
    } catch (error) {
      toast(error.message, "error");
    }
  }

  renderFiles(files) {
    this.files = files;
    const body = byId("file-rows");
    clear(body);
    // By path, as a file manager shows them; priorities still go by index.
    const sorted = [...files].sort((a, b) => String(a.path).localeCompare(String(b.path), undefined, { numeric: true }));
    for (const f of sorted) {
      const select = el("select", { attrs: { "aria-label": `Priority of ${f.path}` }, data: { index: f.index } });
      const known = priorities.some(([value]) => value === f.priority);
      for (const [value, label] of known ? priorities : [...priorities, [f.priority, `Priority ${f.priority}`]]) {
        select.append(el("option", { text: label, attrs: { value } }));
      }
      select.value = String(f.priority);
      select.disabled = !this.app.supports("set_file_priorities");
      select.addEventListener("change", () => this.setPriority(f.index, Number(select.value)));
      const bar = el("progress", { attrs: { max: "1", value: String(Math.max(0, Math.min(1, f.progress || 0))) } });
      body.append(
        el("tr", {
          children: [
            el("td", { className: "name", text: f.path }),
            el("td", { className: "num", text: formatBytes(f.size) }),
            el("td", {
              className: "progress",
              children: [el("div", { className: "progress-cell", children: [bar, el("span", { className: "percent", text: formatPercent(f.progress) })] })],
            }),
            el("td", { children: [select] }),
          ],
        }),
      );
    }
    if (!files.length) body.append(el("tr", { children: [el("td", { text: "No files yet (waiting for metadata).", attrs: { colspan: 4 } })] }));
  }

  async setPriority(index, priority) {
    const list = this.files.map((f) => (f.index === index ? priority : f.priority));
    try {
      await this.app.connection.request("set_file_priorities", { info_hash: this.hash, priorities: list });
      const file = this.files.find((f) => f.index === index);
      if (file) file.priority = priority;
    } catch (error) {
      toast(error.message, "error");
      this.refresh();
    }
  }

  renderPeers(peers) {
    fillRows(byId("peer-rows"), peers, "No peers connected.", (p) => [
      [p.address],
      [p.client],
      [formatRate(p.dl_rate), "num"],
      [formatRate(p.ul_rate), "num"],
      [formatPercent(p.progress), "num"],
      [Array.isArray(p.flags) ? p.flags.join(" ") : p.flags],
    ]);
  }

  renderTrackers(trackers) {
    fillRows(byId("tracker-rows"), trackers, "No trackers.", (t) => [
      [t.url, "name"],
      [t.tier, "num"],
      [t.status],
      [t.message],
    ]);
  }
}
