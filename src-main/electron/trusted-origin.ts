/**
 * Which pages may use the bridge: our own `app://coditect` pages, and in development (not
 * packaged) the electron-vite dev server. Plain functions over URLs, so they are testable.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'coditect';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export function isTrustedUrl(url: string | undefined, devUrl: string | null): boolean {
  if (!url) return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // Custom schemes have an opaque origin in WHATWG URL ("null"): compare scheme and host.
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  return devUrl !== null && sameOrigin(u, devUrl);
}

/** https only, no credentials in the URL: what may be handed to the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password && u.hostname !== '';
  } catch {
    return false;
  }
}

function sameOrigin(u: URL, other: string): boolean {
  try {
    const o = new URL(other);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === o.origin;
  } catch {
    return false;
  }
}
