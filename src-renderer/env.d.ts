/** `window.coditect`, exposed by src-main/electron/preload.ts (absent in a plain browser). */
interface CoditectBridge {
  readonly version: string;
}

interface Window {
  readonly coditect?: CoditectBridge;
}
