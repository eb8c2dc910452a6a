/**
 * App-wide shell state: where we run, the app's info, the connection to the host (the preview's
 * WebSocket), the theme and the command palette. Feature folders keep their own stores.
 */
import { create } from 'zustand';
import { call, hostKind, onConnection, type ConnectionState } from '../bridge';
import type { AppInfo, Settings } from '../bridge/types';
import { fromResult, idle, type Resource } from '../ui/resource';

export type Host = 'desktop' | 'browser';
export type Theme = Settings['theme'];

export interface AppState {
  readonly host: Host;
  info: Resource<AppInfo>;
  connection: ConnectionState;
  /** Counts reconnects of the preview socket: views reload what they show when it changes. */
  reconnects: number;
  theme: Theme;
  paletteOpen: boolean;
}

export const useAppStore = create<AppState>()(() => ({
  host: hostKind(),
  info: idle,
  connection: 'connecting',
  reconnects: 0,
  theme: 'system',
  paletteOpen: false,
}));

export function applyTheme(theme: Theme): void {
  useAppStore.setState({ theme });
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export async function loadAppInfo(): Promise<void> {
  useAppStore.setState({ info: { status: 'loading' } });
  useAppStore.setState({ info: fromResult(await call('app:info')) });
}

async function loadTheme(): Promise<void> {
  const r = await call('settings:get');
  if (r.ok) applyTheme(r.value.theme);
}

export function setPaletteOpen(open: boolean): void {
  useAppStore.setState({ paletteOpen: open });
}

/** Starts the shell's subscriptions; returns the cleanup. */
export function startApp(): () => void {
  const off = onConnection((connection, reconnected) => {
    useAppStore.setState((s) => ({
      connection,
      reconnects: reconnected ? s.reconnects + 1 : s.reconnects,
    }));
    if (reconnected) void loadAppInfo();
  });
  void loadAppInfo();
  void loadTheme();
  return off;
}
