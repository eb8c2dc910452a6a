/**
 * The preload script (sandboxed): the only bridge between the renderer and the main
 * process. It exposes `window.coditect` (CoditectApi) with exactly the contract's channels
 * and events; anything else is refused here, before it reaches the main process.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, type CoditectApi, type IpcResult } from '../ipc/contract';

/** Injected at build time from package.json (electron.vite.config.ts `define`). */
declare const __APP_VERSION__: string;

const channels = new Set<string>(CHANNELS);
const events = new Set<string>(EVENTS);

const refused: IpcResult<never> = {
  ok: false,
  error: { code: 'validation', message: 'not a channel of the contract', field: 'channel' },
};

const api: CoditectApi = {
  version: __APP_VERSION__,
  invoke: ((channel: string, request?: unknown) =>
    channels.has(channel)
      ? ipcRenderer.invoke(channel, request)
      : Promise.resolve(refused)) as CoditectApi['invoke'],
  on: ((event: string, listener: (payload: unknown) => void) => {
    if (!events.has(event)) return () => {};
    const forward = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => void ipcRenderer.removeListener(event, forward);
  }) as CoditectApi['on'],
};

contextBridge.exposeInMainWorld('coditect', Object.freeze(api));
