import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from '../ipc/csp';
import { resolveStatic } from '../preview/static-files';
import { APP_HOST, APP_SCHEME } from './trusted-origin';

/** Must run before `ready`: a standard, secure scheme gets an origin ('self' in the CSP) and fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer for app://coditect/…: files inside out/renderer only (symlinks
 * and `..` resolved first), GET only, every response with the CSP as a header.
 */
export function serveAppProtocol(rendererDir: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return plain(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    const file = resolveStatic(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return plain(404, 'Not found');
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', csp);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
