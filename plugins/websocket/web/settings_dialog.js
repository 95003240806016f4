// The settings form: get_settings fills it (flat dotted config keys), set_settings saves the
// keys the user changed (all or nothing on the host's side).
import { byId, clear, el, setText } from "./dom.js";
import { openDialog } from "./dialogs.js";

function fieldFor(key, value, writable) {
  const id = `setting-${key.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  let input;
  let read;
  if (typeof value === "boolean") {
    input = el("input", { attrs: { type: "checkbox", id } });
    input.checked = value;
    read = () => input.checked;
  } else if (typeof value === "number") {
    input = el("input", { attrs: { type: "number", id, step: "any" } });
    input.value = String(value);
    read = () => (input.value === "" ? null : Number(input.value));
  } else if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    input = el("textarea", { attrs: { id, rows: Math.max(2, Math.min(6, value.length + 1)), spellcheck: "false" } });
    input.value = value.join("\n");
    read = () => input.value.split("\n").map((s) => s.trim()).filter(Boolean);
  } else if (typeof value === "string" || value === null) {
    input = el("input", { attrs: { type: "text", id, spellcheck: "false" } });
    input.value = value ?? "";
    read = () => (value === null && input.value === "" ? null : input.value);
  } else {
    input = el("input", { attrs: { type: "text", id } });
    input.value = JSON.stringify(value);
    writable = false;
    read = () => value;
  }
  input.disabled = !writable;
  const label = el("label", { className: writable ? "setting" : "setting readonly", attrs: { for: id }, text: key });
  return { row: el("div", { className: "setting-row", children: [label, input] }), read, initial: JSON.stringify(value) };
}

/** Wires the Settings button and form. */
export function setUpSettings(app) {
  let fields = new Map();
  const error = byId("settings-error");
  const showError = (message) => {
    setText(error, message);
    error.hidden = !message;
  };
  byId("btn-settings").addEventListener("click", async () => {
    showError("");
    const box = byId("settings-fields");
    clear(box);
    fields = new Map();
    openDialog("settings-dialog");
    if (!app.supports("get_settings")) {
      showError("This host does not offer its settings (no get_settings request).");
      return;
    }
    try {
      const reply = await app.connection.request("get_settings");
      const writable = new Set(reply.writable ?? []);
      const settings = reply.settings ?? {};
      let group = "";
      for (const key of Object.keys(settings).sort()) {
        const prefix = key.includes(".") ? key.slice(0, key.indexOf(".")) : "general";
        if (prefix !== group) {
          group = prefix;
          box.append(el("h3", { text: prefix }));
        }
        const field = fieldFor(key, settings[key], writable.has(key));
        fields.set(key, field);
        box.append(field.row);
      }
      if (typeof settings.save_path === "string") app.defaultSavePath = settings.save_path;
    } catch (e) {
      showError(e.message);
    }
  });
  byId("settings-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const changed = {};
    for (const [key, field] of fields) {
      const value = field.read();
      if (JSON.stringify(value) !== field.initial) changed[key] = value;
    }
    if (!Object.keys(changed).length) {
      byId("settings-dialog").close();
      return;
    }
    try {
      await app.connection.request("set_settings", { settings: changed });
      byId("settings-dialog").close();
      app.refreshStats();
    } catch (e) {
      showError(e.message);
    }
  });
}
