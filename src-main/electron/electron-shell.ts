import { shell } from 'electron';
import type { HostShell } from '../ipc/context';
import { isSafeExternalUrl } from './trusted-origin';

/** Folder reveal and external links through the OS; paths arrive already confined by the handlers. */
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
};
