/**
 * The Electron main process: thin glue. The domain lives in src-main/core, the channels and
 * their handlers in src-main/ipc (shared with the browser preview host); this file wires
 * them to one window under the security checklist: context isolation, sandbox, no Node in
 * the renderer, a custom protocol with a CSP header, navigation and window.open denied,
 * every permission request and check denied, every IPC sender checked, a single instance.
 */
import { app, BrowserWindow, Menu } from 'electron';
import path from 'node:path';
import { createIpcService, type IpcService } from '../ipc/service';
import { registerAppScheme, serveAppProtocol } from './app-protocol';
import { electronShell } from './electron-shell';
import { bridgeIpc } from './ipc-bridge';
import { appMenuTemplate } from './app-menu';
import { createMainWindow } from './main-window';
import { startAutoUpdates } from './updater';
import { devServerUrl, lockDownWebContents } from './security';

/** out/renderer, beside out/main where this file is bundled to. */
const rendererDir = path.join(__dirname, '../renderer');

registerAppScheme();

let mainWindow: BrowserWindow | null = null;
let service: IpcService | null = null;

function openWindow(): void {
  mainWindow = createMainWindow(path.join(app.getPath('userData'), 'window-state.json'), devServerUrl());
  mainWindow.on('closed', () => (mainWindow = null));
}

function start(): void {
  serveAppProtocol(rendererDir);
  service = createIpcService({
    host: 'electron',
    version: app.getVersion(),
    shell: electronShell,
    // The app has no meaningful working directory; the home folder is where a stray export lands.
    cwd: app.getPath('home'),
    // The `coditect` launcher runs this binary in Node mode on the bundled CLI beside this file
    // (out/main/cli.js; inside app.asar once packaged, which Electron's Node mode reads).
    launcher: { runtime: process.execPath, script: path.join(__dirname, 'cli.js') },
    // An installed app trusts the shipped vendor key only (CODITECT_LICENSE_PUBLIC_KEY is for dev and tests).
    license: { build: app.isPackaged ? 'packaged' : 'development' },
  });
  bridgeIpc(service, devServerUrl());
  const svc = service;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(
        (command) => svc.ctx.events.emit('app:command', { command }),
        process.platform === 'darwin',
      ),
    ),
  );
  openWindow();
  startUpdates(service);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow();
  });
}

/** After the window opens: the updater's first check waits 10 s, and its trouble is only a state. */
function startUpdates(svc: IpcService): void {
  const updates = startAutoUpdates({
    channel: svc.ctx.workspace.settings.updateChannel,
    log: (level, message) => {
      try {
        svc.ctx.logger[level]('update', message);
      } catch {
        // The log failing must not take the updater down with it.
      }
    },
  });
  svc.attachUpdates(updates);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  lockDownWebContents();
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void service?.close());
}
