// Small DOM helpers. Text from the host only ever goes through textContent or a form
// control's value, never through an HTML parser, so a torrent named <b>x</b> shows as text.

/** The element with this id (throws when the page lacks it: a bug in index.html). */
export function byId(id) {
  const node = document.getElementById(id);
  if (!node) throw new Error(`index.html has no #${id}`);
  return node;
}

/**
 * Creates an element: options.className, options.text (textContent), options.attrs
 * (setAttribute), options.data (dataset), options.children (appended), options.on (listeners).
 */
export function el(tag, options = {}) {
  const node = document.createElement(tag);
  if (options.className) node.className = options.className;
  if (options.text !== undefined) node.textContent = String(options.text);
  for (const [name, value] of Object.entries(options.attrs ?? {})) node.setAttribute(name, String(value));
  for (const [name, value] of Object.entries(options.data ?? {})) node.dataset[name] = String(value);
  for (const child of options.children ?? []) if (child) node.append(child);
  for (const [type, listener] of Object.entries(options.on ?? {})) node.addEventListener(type, listener);
  return node;
}

/** Sets textContent only when it changed (keeps selections and avoids layout work). */
export function setText(node, text) {
  const value = String(text ?? "");
  if (node.textContent !== value) node.textContent = value;
}

/** Removes every child. */
export function clear(node) {
  while (node.firstChild) node.firstChild.remove();
}

/** A short message at the bottom right; errors stay longer. */
export function toast(text, kind = "info") {
  const area = byId("toasts");
  const item = el("div", { className: `toast toast-${kind}`, text, attrs: { role: kind === "error" ? "alert" : "status" } });
  area.append(item);
  setTimeout(() => item.remove(), kind === "error" ? 8000 : 4000);
}
