/**
 * The preload script (sandboxed): the only bridge between the renderer and the main process.
 * It exposes `window.coditect`; later it forwards exactly the channels the IPC contract lists.
 */
import { contextBridge } from 'electron';

/** Injected at build time from package.json (electron.vite.config.ts `define`). */
declare const __APP_VERSION__: string;

/** What the renderer sees as `window.coditect`. Mirrored in src-renderer/env.d.ts. */
export interface CoditectBridge {
  readonly version: string;
}

const bridge: CoditectBridge = Object.freeze({ version: __APP_VERSION__ });

contextBridge.exposeInMainWorld('coditect', bridge);
