// The WebSocket connection to the host: requests with ids and their replies, broadcasts as
// events, and reconnection with back-off after the host goes away.

const requestTimeoutMs = 30000;
const firstRetryMs = 500;
const maxRetryMs = 10000;

/**
 * Events (CustomEvent, detail = the message): every server message by its type
 * ("pico_state", "hello", "torrent_added", ...), plus "status" (detail: {state, retryInMs})
 * with state "connecting" | "open" | "waiting" | "refused".
 */
export class PicoConnection extends EventTarget {
  constructor(token) {
    super();
    this.token = token;
    this.socket = null;
    this.nextId = 1;
    this.pending = new Map();
    this.retryMs = firstRetryMs;
    this.retryTimer = 0;
    this.refusals = 0;
    this.stopped = false;
  }

  /** The ws:// or wss:// URL of the host that served this page. */
  static url() {
    return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/`;
  }

  /** Opens (or reopens) the connection. Throws when the token cannot be sent at all. */
  open() {
    this.stopped = false;
    clearTimeout(this.retryTimer);
    const socket = new WebSocket(PicoConnection.url(), ["pico.v1", `token.${this.token}`]);
    this.socket = socket;
    let opened = false;
    this.emit("status", { state: "connecting" });
    socket.addEventListener("open", () => {
      opened = true;
      this.refusals = 0;
    });
    socket.addEventListener("message", (event) => this.receive(event.data));
    socket.addEventListener("close", () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.failPending("the connection to the host was lost");
      if (!this.stopped) this.afterClose(opened);
    });
  }

  /** Closes for good (log out). */
  close() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.socket) this.socket.close(1000, "bye");
    this.socket = null;
    this.failPending("closed");
  }

  /** True while the socket is open. */
  get isOpen() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends {type, id, ...fields}; resolves with the result, rejects with the error's message. */
  request(type, fields = {}) {
    if (!this.isOpen) return Promise.reject(new Error("not connected to the host"));
    const id = this.nextId++;
    const message = JSON.stringify({ ...fields, type, id });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${type}: no answer from the host`));
      }, requestTimeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.socket.send(message);
    });
  }

  receive(text) {
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      return; // not ours to show; the host only sends JSON
    }
    if (!message || typeof message !== "object") return;
    if ((message.type === "result" || message.type === "error") && this.pending.has(message.id)) {
      const { resolve, reject, timer } = this.pending.get(message.id);
      clearTimeout(timer);
      this.pending.delete(message.id);
      if (message.type === "result") resolve(message);
      else reject(new Error(String(message.message ?? "the host refused the request")));
      return;
    }
    if (message.type === "pico_state") {
      this.retryMs = firstRetryMs;
      this.emit("status", { state: "open" });
    }
    if (typeof message.type === "string") this.emit(message.type, message);
  }

  // A socket that never opened was refused (wrong token, foreign origin) or found no host.
  // The page itself answers plain HTTP, so a HEAD of it tells the two apart.
  async afterClose(opened) {
    const answers = !opened && (await this.hostAnswers());
    if (this.stopped) return;
    if (answers) {
      this.refusals += 1;
      // Twice in a row: not a restart in progress but a refusal.
      if (this.refusals >= 2) {
        this.emit("status", { state: "refused" });
        return;
      }
    }
    const delay = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, maxRetryMs);
    this.emit("status", { state: "waiting", retryInMs: delay });
    this.retryTimer = setTimeout(() => {
      if (!this.stopped) this.open();
    }, delay + Math.floor(Math.random() * 250));
  }

  async hostAnswers() {
    try {
      const response = await fetch("/", { method: "HEAD", cache: "no-store" });
      return response.ok;
    } catch {
      return false;
    }
  }

  failPending(reason) {
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(new Error(reason));
    }
    this.pending.clear();
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
