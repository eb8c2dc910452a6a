/// <reference types="vite/client" />
/** `window.coditect`, exposed by src-main/electron/preload.ts (absent in a plain browser). */
interface Window {
  readonly coditect?: import('../src-main/ipc/contract').CoditectApi;
}
