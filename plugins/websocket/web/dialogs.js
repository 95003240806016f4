// The small dialogs: login, add, remove (with or without data), speed limits, move storage.
// Each is a <dialog> in index.html; forms are handled here (no form ever navigates).
import { byId, clear, el, setText, toast } from "./dom.js";

/** Opens a dialog and wires its Cancel buttons once. */
export function openDialog(id) {
  const dialog = byId(id);
  if (!dialog.dataset.wired) {
    dialog.dataset.wired = "1";
    for (const button of dialog.querySelectorAll("[data-close]")) button.addEventListener("click", () => dialog.close());
  }
  if (!dialog.open) dialog.showModal();
  return dialog;
}

function showError(id, message) {
  const p = byId(id);
  setText(p, message);
  p.hidden = !message;
}

function onSubmit(formId, handler) {
  byId(formId).addEventListener("submit", (event) => {
    event.preventDefault();
    handler();
  });
}

/** The login form: calls connect(token) on submit. */
export function setUpLogin(connect) {
  // Escape would leave the page with no way to connect.
  byId("login-dialog").addEventListener("cancel", (event) => event.preventDefault());
  onSubmit("login-form", () => {
    const token = byId("login-token").value.trim();
    if (token) {
      byId("login-dialog").close();
      connect(token);
    }
  });
}

/** Shows the login form with a message. */
export function askForToken(message) {
  setText(byId("login-message"), message);
  byId("login-token").value = "";
  openDialog("login-dialog");
  byId("login-token").focus();
}

// Base64 of a file's bytes, in chunks (String.fromCharCode has an argument limit).
async function base64Of(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The add dialog: magnets (one a line) and .torrent files, with save path and paused. */
export function setUpAdd(app) {
  byId("btn-add").addEventListener("click", () => {
    showError("add-error", "");
    byId("add-save-path").placeholder = app.defaultSavePath || "the host's default";
    openDialog("add-dialog");
    byId("add-magnets").focus();
  });
  onSubmit("add-form", async () => {
    const magnets = byId("add-magnets").value.split(/\s+/).filter(Boolean);
    const files = [...byId("add-files").files];
    if (!magnets.length && !files.length) return showError("add-error", "Paste a magnet link or choose a .torrent file.");
    const bad = magnets.find((m) => !m.startsWith("magnet:?"));
    if (bad) return showError("add-error", `Not a magnet link: ${bad}`);
    const common = { paused: byId("add-paused").checked };
    const savePath = byId("add-save-path").value.trim();
    if (savePath) common.save_path = savePath;
    const submit = byId("add-submit");
    submit.disabled = true;
    const failures = [];
    try {
      const requests = magnets.map((magnet) => ({ label: magnet, fields: { ...common, magnet } }));
      for (const file of files) requests.push({ label: file.name, fields: { ...common, torrent: await base64Of(file) } });
      for (const { label, fields } of requests) {
        try {
          const reply = await app.connection.request("add", fields);
          if (reply.duplicate) toast(`Already there: ${label}`);
        } catch (error) {
          failures.push(`${label}: ${error.message}`);
        }
      }
    } catch (error) {
      failures.push(error.message);
    } finally {
      submit.disabled = false;
    }
    if (failures.length) return showError("add-error", failures.join("\n"));
    byId("add-form").reset();
    byId("add-dialog").close();
  });
}

/** The remove confirmation for the selected torrents. */
export function setUpRemove(app) {
  let hashes = [];
  byId("btn-remove").addEventListener("click", () => {
    hashes = [...app.table.selected];
    if (!hashes.length) return;
    setText(byId("remove-message"), hashes.length === 1 ? "Remove this torrent?" : `Remove these ${hashes.length} torrents?`);
    const list = byId("remove-names");
    clear(list);
    for (const hash of hashes.slice(0, 10)) list.append(el("li", { text: app.torrent(hash)?.name ?? hash }));
    if (hashes.length > 10) list.append(el("li", { text: `and ${hashes.length - 10} more` }));
    byId("remove-data").checked = false;
    openDialog("remove-dialog");
    byId("remove-confirm").focus();
  });
  onSubmit("remove-form", async () => {
    const deleteData = byId("remove-data").checked;
    byId("remove-dialog").close();
    await app.forEachHash(hashes, "remove", { delete_data: deleteData });
  });
}

/** Speed limits, global (hash null) or for one torrent. */
export function setUpLimits(app) {
  let target = null;
  app.openLimits = (hash) => {
    target = hash;
    const current = hash ? app.torrent(hash)?.limits : app.globalLimits;
    setText(byId("limits-target"), hash ? `For ${app.torrent(hash)?.name ?? hash}` : "For the whole session");
    byId("limit-download").value = String(Math.round((current?.download ?? 0) / 1024));
    byId("limit-upload").value = String(Math.round((current?.upload ?? 0) / 1024));
    showError("limits-error", "");
    openDialog("limits-dialog");
  };
  byId("btn-limits").addEventListener("click", () => app.openLimits(null));
  onSubmit("limits-form", async () => {
    const fields = {
      download: Math.max(0, Math.round(Number(byId("limit-download").value) * 1024)),
      upload: Math.max(0, Math.round(Number(byId("limit-upload").value) * 1024)),
    };
    if (target) fields.info_hash = target;
    try {
      const reply = await app.connection.request("set_limits", fields);
      const limits = reply.limits ?? { download: fields.download, upload: fields.upload };
      if (target && app.torrent(target)) app.table.upsert([{ info_hash: target, limits }]);
      else app.globalLimits = limits;
      app.refreshStats();
      byId("limits-dialog").close();
    } catch (error) {
      showError("limits-error", error.message);
    }
  });
}

/** Move storage of one torrent. */
export function setUpMove(app) {
  let target = null;
  app.openMove = (hash) => {
    target = hash;
    byId("move-path").value = app.torrent(hash)?.save_path ?? "";
    showError("move-error", "");
    openDialog("move-dialog");
  };
  onSubmit("move-form", async () => {
    try {
      const reply = await app.connection.request("move_storage", { info_hash: target, save_path: byId("move-path").value.trim() });
      // The reply names the resolved folder; a status broadcast need not follow a move.
      if (typeof reply.save_path === "string" && app.torrent(target)) {
        app.table.upsert([{ info_hash: target, save_path: reply.save_path }]);
        app.details.torrentChanged(target);
      }
      byId("move-dialog").close();
      toast("Moving the files");
    } catch (error) {
      showError("move-error", error.message);
    }
  });
}
