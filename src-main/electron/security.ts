import { app, shell } from 'electron';
import { denyAllPermissions } from './permission-policy';
import { isSafeExternalUrl } from './trusted-origin';

/**
 * Every web contents: no navigation away, no webviews, no new windows, no permissions. A link
 * meant for the browser (https only, no credentials) opens there instead.
 */
export function lockDownWebContents(): void {
  // Every session, the default one included, from its creation; and again on each contents'
  // own session, in case one was made before this ran.
  app.on('session-created', (session) => denyAllPermissions(session));
  app.on('web-contents-created', (_event, contents) => {
    denyAllPermissions(contents.session);
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/** The electron-vite dev server's URL, trusted only in an unpackaged (development) app. */
export function devServerUrl(): string | null {
  const url = process.env['ELECTRON_RENDERER_URL'];
  return !app.isPackaged && url ? url : null;
}
