import { BrowserWindow, dialog, shell, type OpenDialogOptions } from 'electron';
import type { HostShell } from '../ipc/context';
import { isSafeExternalUrl } from './trusted-origin';

/** Folder reveal, external links and the folder dialog through the OS; paths arrive already confined by the handlers. */
export const electronShell: HostShell = {
  async reveal(path) {
    shell.showItemInFolder(path);
    return true;
  },
  async openExternal(url) {
    if (!isSafeExternalUrl(url)) return false;
    await shell.openExternal(url);
    return true;
  },
  // Modal to our window, so the wizard waits for the choice; `createDirectory` lets a new root be made here.
  async chooseFolder({ title, defaultPath }) {
    const options: OpenDialogOptions = {
      title: title ?? 'Choose your projects folder',
      defaultPath,
      properties: ['openDirectory', 'createDirectory'],
    };
    const win = BrowserWindow.getFocusedWindow();
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  },
};
