import { create } from 'zustand';

/** Where the renderer runs: the desktop app (preload present) or the browser preview. */
export type Host = 'desktop' | 'browser';

export interface AppState {
  readonly host: Host;
  readonly version: string | null;
}

/** App-wide shell state. Feature folders add their own stores beside this one. */
export const useAppStore = create<AppState>()(() => ({
  host: window.coditect ? 'desktop' : 'browser',
  version: window.coditect?.version ?? null,
}));
