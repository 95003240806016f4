// Formatting of sizes, rates, times and status codes for display. Pure functions only.

const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

/** Bytes as "1.5 MiB" (binary units, like the desktop client). */
export function formatBytes(bytes) {
  if (typeof bytes !== "number" || !Number.isFinite(bytes) || bytes < 0) return "–";
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** A rate in bytes per second; "" for zero so idle columns stay quiet. */
export function formatRate(bytesPerSecond) {
  if (!bytesPerSecond) return "";
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** A rate limit: 0 is unlimited. */
export function formatLimit(bytesPerSecond) {
  if (!bytesPerSecond) return "∞";
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Seconds left as "1h 5m"; -1 (unknown) as "". */
export function formatEta(seconds) {
  if (typeof seconds !== "number" || seconds < 0) return "";
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${Math.round(seconds % 60)}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** Progress 0..1 as "42.5%" ("100%" only when complete). */
export function formatPercent(progress) {
  if (typeof progress !== "number" || !Number.isFinite(progress)) return "";
  if (progress >= 1) return "100%";
  return `${(Math.floor(progress * 1000) / 10).toFixed(1)}%`;
}

/** A share ratio with two decimals; "" when the host does not send one. */
export function formatRatio(ratio) {
  if (typeof ratio !== "number" || !Number.isFinite(ratio) || ratio < 0) return "";
  return ratio.toFixed(2);
}

/** Seconds since the epoch as a short local date and time ("long" for the details panel). */
export function formatTime(epochSeconds, style = "short") {
  if (typeof epochSeconds !== "number" || epochSeconds <= 0) return "";
  return new Date(epochSeconds * 1000).toLocaleString(undefined, { dateStyle: style === "long" ? "medium" : "short", timeStyle: style === "long" ? "medium" : "short" });
}

// The protocol's status codes (docs/websocket.md).
const statusNames = new Map([
  [-1, "Unknown"],
  [0, "Checking resume data"],
  [1, "Complete"],
  [2, "Downloading"],
  [3, "Checking"],
  [4, "Downloading (forced)"],
  [5, "Downloading metadata"],
  [6, "Paused"],
  [7, "Queued"],
  [8, "Stalled"],
  [9, "Error"],
  [10, "Seeding"],
  [11, "Checking"],
  [12, "Seeding (forced)"],
  [13, "Paused"],
  [14, "Queued for seeding"],
  [15, "Seeding"],
]);

/** The status code as words. */
export function statusName(code) {
  return statusNames.get(code) ?? `Status ${code}`;
}

/** The filter groups of the sidebar, each a test on the status code. */
export const statusGroups = {
  all: () => true,
  downloading: (code) => [2, 3, 4, 5, 7, 8].includes(code),
  seeding: (code) => [1, 10, 11, 12, 14, 15].includes(code),
  paused: (code) => code === 6 || code === 13,
  error: (code) => code === 9,
};

/** A short CSS class for the status, for its colour. */
export function statusClass(code) {
  if (code === 9) return "st-error";
  if (statusGroups.paused(code)) return "st-paused";
  if (code === 2 || code === 4) return "st-downloading";
  if (statusGroups.seeding(code)) return "st-seeding";
  return "st-other";
}

/** True when pausing the torrent makes sense (it is not paused already). */
export function isPaused(code) {
  return statusGroups.paused(code);
}
