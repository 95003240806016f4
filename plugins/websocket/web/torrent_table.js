// The torrent list: one row per torrent, kept by info hash and updated in place; sorting by
// any column, a name filter, status filter groups and multi-select.
import { el, setText } from "./dom.js";
import {
  formatBytes, formatEta, formatPercent, formatRate, formatRatio, formatTime, statusClass, statusGroups, statusName,
} from "./format.js";

const numericKeys = new Set([
  "queue_position", "size", "progress", "status", "dl_rate", "ul_rate", "eta", "seeds_connected",
  "nonseeds_connected", "ratio", "added_time",
]);

export class TorrentTable {
  /**
   * @param {HTMLTableElement} table  the #torrents table (thead with th[data-sort])
   * @param {object} hooks  onSelectionChange(Set of hashes), onFocus(hash or null)
   */
  constructor(table, hooks) {
    this.table = table;
    this.body = table.tBodies[0];
    this.hooks = hooks;
    this.torrents = new Map();
    this.rows = new Map();
    this.selected = new Set();
    this.focused = null;
    this.anchor = null;
    this.filterText = "";
    this.statusFilter = "all";
    const saved = JSON.parse(localStorage.getItem("picotorrent.sort") ?? "null");
    this.sort = saved && typeof saved.key === "string" ? saved : { key: "queue_position", descending: false };
    for (const th of table.tHead.querySelectorAll("th[data-sort]")) {
      th.addEventListener("click", () => this.sortBy(th.dataset.sort));
    }
    this.showSortIndicator();
  }

  /** Replaces every torrent (pico_state, get_state). */
  replaceAll(torrents) {
    this.torrents = new Map(torrents.map((t) => [t.info_hash, t]));
    for (const hash of [...this.rows.keys()]) {
      if (!this.torrents.has(hash)) this.dropRow(hash);
    }
    for (const hash of [...this.selected]) if (!this.torrents.has(hash)) this.selected.delete(hash);
    if (this.focused && !this.torrents.has(this.focused)) this.focus(null);
    this.render();
    this.hooks.onSelectionChange(this.selected);
  }

  /** Adds or updates torrents (torrent_added, torrent_updated, torrent_finished). */
  upsert(torrents) {
    for (const t of torrents) this.torrents.set(t.info_hash, { ...this.torrents.get(t.info_hash), ...t });
    this.render();
  }

  /** Forgets a torrent (torrent_removed). */
  remove(hash) {
    this.torrents.delete(hash);
    this.dropRow(hash);
    if (this.selected.delete(hash)) this.hooks.onSelectionChange(this.selected);
    if (this.focused === hash) this.focus(null);
    this.render();
  }

  /** The torrent with this hash, or undefined. */
  get(hash) {
    return this.torrents.get(hash);
  }

  setFilterText(text) {
    this.filterText = text.trim().toLowerCase();
    this.render();
  }

  setStatusFilter(group) {
    this.statusFilter = statusGroups[group] ? group : "all";
    this.render();
  }

  /** How many torrents fall in each status group, for the sidebar. */
  counts() {
    const counts = Object.fromEntries(Object.keys(statusGroups).map((g) => [g, 0]));
    for (const t of this.torrents.values()) {
      for (const [group, test] of Object.entries(statusGroups)) if (test(t.status)) counts[group] += 1;
    }
    return counts;
  }

  sortBy(key) {
    this.sort = this.sort.key === key ? { key, descending: !this.sort.descending } : { key, descending: false };
    localStorage.setItem("picotorrent.sort", JSON.stringify(this.sort));
    this.showSortIndicator();
    this.render();
  }

  showSortIndicator() {
    for (const th of this.table.tHead.querySelectorAll("th[data-sort]")) {
      const active = th.dataset.sort === this.sort.key;
      th.setAttribute("aria-sort", active ? (this.sort.descending ? "descending" : "ascending") : "none");
    }
  }

  visible() {
    const test = statusGroups[this.statusFilter];
    const list = [...this.torrents.values()].filter(
      (t) => test(t.status) && (!this.filterText || String(t.name ?? "").toLowerCase().includes(this.filterText)),
    );
    const { key, descending } = this.sort;
    const direction = descending ? -1 : 1;
    const known = (v) => (typeof v === "number" && v >= 0 ? v : null);
    list.sort((a, b) => {
      let order = 0;
      if (numericKeys.has(key)) {
        // Not queued (-1) and unknown values sort last in either direction.
        const x = known(a[key]);
        const y = known(b[key]);
        if (x === null || y === null) {
          if (x !== y) return x === null ? 1 : -1;
        } else {
          order = x - y;
        }
      } else {
        order = String(a[key] ?? "").localeCompare(String(b[key] ?? ""), undefined, { sensitivity: "base" });
      }
      return order * direction || a.info_hash.localeCompare(b.info_hash);
    });
    return list;
  }

  render() {
    const list = this.visible();
    const shown = new Set(list.map((t) => t.info_hash));
    for (const [hash, row] of this.rows) if (!shown.has(hash)) row.tr.remove();
    let previous = null;
    for (const t of list) {
      const row = this.rows.get(t.info_hash) ?? this.makeRow(t.info_hash);
      this.fillRow(row, t);
      // Moves only rows that are out of place.
      const next = previous ? previous.nextSibling : this.body.firstChild;
      if (next !== row.tr) this.body.insertBefore(row.tr, next);
      previous = row.tr;
    }
    const selectAll = this.table.querySelector("#select-all");
    selectAll.checked = list.length > 0 && list.every((t) => this.selected.has(t.info_hash));
    selectAll.indeterminate = !selectAll.checked && list.some((t) => this.selected.has(t.info_hash));
    this.hooks.onRender?.(list.length, this.torrents.size);
  }

  makeRow(hash) {
    const check = el("input", { attrs: { type: "checkbox", "aria-label": "Select" } });
    const cell = (className) => el("td", { className });
    const bar = el("progress", { attrs: { max: "1", value: "0" } });
    const percent = el("span", { className: "percent" });
    const row = {
      tr: el("tr", { data: { hash }, attrs: { tabindex: "0" } }),
      check,
      queue: cell("num queue"),
      name: cell("name"),
      size: cell("num size"),
      progress: el("td", { className: "progress", children: [el("div", { className: "progress-cell", children: [bar, percent] })] }),
      bar,
      percent,
      status: cell("status"),
      down: cell("num down"),
      up: cell("num up"),
      eta: cell("num eta"),
      seeds: cell("num seeds"),
      peers: cell("num peers"),
      ratio: cell("num ratio"),
      added: cell("added"),
    };
    row.tr.append(
      el("td", { className: "col-check", children: [check] }),
      row.queue, row.name, row.size, row.progress, row.status, row.down, row.up, row.eta, row.seeds, row.peers,
      row.ratio, row.added,
    );
    check.addEventListener("click", (event) => {
      event.stopPropagation();
      this.toggle(hash, check.checked);
    });
    row.tr.addEventListener("click", (event) => this.clickRow(hash, event));
    row.tr.addEventListener("keydown", (event) => this.keyOnRow(row.tr, hash, event));
    this.rows.set(hash, row);
    return row;
  }

  fillRow(row, t) {
    setText(row.queue, t.queue_position >= 0 ? t.queue_position + 1 : "");
    setText(row.name, t.name || t.info_hash);
    row.name.title = t.name ?? "";
    setText(row.size, t.size > 0 ? formatBytes(t.size) : "");
    row.bar.value = Math.max(0, Math.min(1, Number(t.progress) || 0));
    setText(row.percent, formatPercent(t.progress));
    setText(row.status, t.status === 9 && t.error ? `Error: ${t.error}` : statusName(t.status));
    row.status.className = `status ${statusClass(t.status)}`;
    row.tr.dataset.status = String(t.status);
    setText(row.down, formatRate(t.dl_rate));
    setText(row.up, formatRate(t.ul_rate));
    setText(row.eta, formatEta(t.eta));
    setText(row.seeds, `${t.seeds_connected ?? 0} (${t.seeds_total ?? 0})`);
    setText(row.peers, `${t.nonseeds_connected ?? 0} (${t.nonseeds_total ?? 0})`);
    setText(row.ratio, formatRatio(t.ratio));
    setText(row.added, formatTime(t.added_time));
    const selected = this.selected.has(t.info_hash);
    row.check.checked = selected;
    row.tr.classList.toggle("selected", selected);
    row.tr.classList.toggle("focused", this.focused === t.info_hash);
  }

  dropRow(hash) {
    this.rows.get(hash)?.tr.remove();
    this.rows.delete(hash);
  }

  // Click: select only this row; Ctrl/Cmd-click: toggle it; Shift-click: a range.
  clickRow(hash, event) {
    if (event.shiftKey && this.anchor) {
      const list = this.visible().map((t) => t.info_hash);
      const [a, b] = [list.indexOf(this.anchor), list.indexOf(hash)].sort((x, y) => x - y);
      if (a >= 0) {
        this.selected = new Set(list.slice(a, b + 1));
        this.changed();
        return;
      }
    }
    if (event.ctrlKey || event.metaKey) {
      this.toggle(hash, !this.selected.has(hash));
      return;
    }
    this.selected = new Set([hash]);
    this.anchor = hash;
    this.focus(hash);
    this.changed();
  }

  // Up/Down move between rows, Enter selects the row alone (and shows its details), Space
  // adds it to the selection or takes it out.
  keyOnRow(tr, hash, event) {
    if (event.target !== tr) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const next = event.key === "ArrowDown" ? tr.nextElementSibling : tr.previousElementSibling;
      next?.focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      this.clickRow(hash, { shiftKey: false, ctrlKey: false, metaKey: false });
    } else if (event.key === " ") {
      event.preventDefault();
      this.toggle(hash, !this.selected.has(hash));
    }
  }

  toggle(hash, on) {
    if (on) this.selected.add(hash);
    else this.selected.delete(hash);
    this.anchor = hash;
    this.changed();
  }

  /** Selects every shown torrent, or none. */
  selectAllShown(on) {
    this.selected = on ? new Set(this.visible().map((t) => t.info_hash)) : new Set();
    this.changed();
  }

  focus(hash) {
    this.focused = hash;
    this.hooks.onFocus(hash);
  }

  changed() {
    this.render();
    this.hooks.onSelectionChange(this.selected);
  }
}
