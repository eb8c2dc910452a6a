import { BrowserWindow, screen } from 'electron';
import path from 'node:path';
import { loadWindowState, saveWindowState } from './window-state';
import { APP_ORIGIN } from './trusted-origin';

/** One window, locked down (context isolation, sandbox, no Node), placed where it was last time. */
export function createMainWindow(stateFile: string, devUrl: string | null): BrowserWindow {
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...state.bounds,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'CODITECT',
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => {
    if (state.maximized) win.maximize();
    win.show();
  });
  rememberPlacement(win, stateFile);
  void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

function rememberPlacement(win: BrowserWindow, stateFile: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    try {
      saveWindowState(stateFile, win.getNormalBounds(), win.isMaximized());
    } catch {
      // Not remembering the window's place is no reason to disturb the user.
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
