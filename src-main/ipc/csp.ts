/**
 * The renderer's Content-Security-Policy, sent as a response header by both hosts (the
 * `app://` protocol in Electron, the preview's HTTP server); index.html carries a looser
 * copy as a meta tag for the dev server. Only our own scripts run; the only connection
 * besides our origin is the preview's WebSocket, named exactly.
 */
export function contentSecurityPolicy(opts: { connect?: readonly string[] } = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets style attributes; no inline scripts, so this does not open script injection.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    ["connect-src 'self'", ...(opts.connect ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
