// The access token: taken from the URL fragment (#token=…, which browsers never send to the
// server) or typed into the login form, and kept only in sessionStorage (gone with the tab).

const storageKey = "picotorrent.token";

/** Moves a #token=… fragment into sessionStorage and out of the address bar; returns the token. */
export function takeTokenFromLocation() {
  const match = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (match) {
    let token = "";
    try {
      token = decodeURIComponent(match[1]);
    } catch {
      token = match[1];
    }
    // Out of the address bar and history, so it is not shared with a copied URL.
    history.replaceState(null, "", location.pathname + location.search);
    if (token) {
      saveToken(token);
      return token;
    }
  }
  return storedToken();
}

/** The token of this tab's session, or "". */
export function storedToken() {
  try {
    return sessionStorage.getItem(storageKey) ?? "";
  } catch {
    return "";
  }
}

/** Remembers the token for this tab. */
export function saveToken(token) {
  try {
    sessionStorage.setItem(storageKey, token);
  } catch {
    // Storage disabled: the token lives in memory only, until the page is reloaded.
  }
}

/** Forgets the token. */
export function forgetToken() {
  try {
    sessionStorage.removeItem(storageKey);
  } catch {
    // nothing stored
  }
}

/** True when the token can travel as a WebSocket subprotocol (HTTP token characters only). */
export function isUsableToken(token) {
  return /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(token);
}
