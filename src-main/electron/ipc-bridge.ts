import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type IpcResult } from '../ipc/contract';
import { fail } from '../ipc/errors';
import type { IpcService } from '../ipc/service';
import { isTrustedUrl } from './trusted-origin';

/**
 * Registers every contract channel with `ipcMain.handle` (one loop over CHANNELS: a channel
 * the contract does not list has no handler) and forwards the service's events to our windows.
 * Every message's sender must be a top-level frame of our own origin.
 */
export function bridgeIpc(service: IpcService, devUrl: string | null): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, request: unknown): Promise<IpcResult<unknown>> => {
      if (!trustedSender(event, devUrl))
        return Promise.resolve(fail('forbidden-path', 'this page may not use the bridge'));
      return service.dispatch(channel, request);
    });
  }
  const unsubscribe = service.events.subscribe((event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      const contents = win.webContents;
      if (!contents.isDestroyed() && isTrustedUrl(contents.getURL(), devUrl)) contents.send(event, payload);
    }
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}

function trustedSender(event: IpcMainInvokeEvent, devUrl: string | null): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isTrustedUrl(frame.url, devUrl);
}
