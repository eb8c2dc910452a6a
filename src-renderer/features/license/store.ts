/**
 * The license: its status (followed live through `license:state`), a key being checked or
 * activated, and the license server setting. Shared by the wizard's License step and the
 * License card in Settings. The key typed stays in this store only until it is sent.
 */
import { create } from 'zustand';
import { call, getApi } from '../../bridge';
import type { IpcError, ResponseOf } from '../../bridge/types';
import { useSettings } from '../settings/store';
import { fieldErrorText } from '../../ui/field-error';

export type LicenseStatus = ResponseOf<'license:status'>;
export type LicenseView = ResponseOf<'license:check'>;

interface LicenseState {
  status: LicenseStatus | null;
  loadError: IpcError | null;
  key: string;
  /** The verdict on the key typed (checked or activated). */
  verdict: LicenseView | null;
  busy: 'check' | 'activate' | 'deactivate' | null;
  actionError: string | null;
  deactivated: string | null;
  server: { url: string; publicKey: string };
  serverSaving: boolean;
  serverErrors: Record<string, string>;
  serverSaved: boolean;
}

export const useLicense = create<LicenseState>()(() => ({
  status: null,
  loadError: null,
  key: '',
  verdict: null,
  busy: null,
  actionError: null,
  deactivated: null,
  server: { url: '', publicKey: '' },
  serverSaving: false,
  serverErrors: {},
  serverSaved: false,
}));

const set = useLicense.setState;
const get = useLicense.getState;

export async function loadLicense(): Promise<void> {
  const r = await call('license:status');
  if (!r.ok) set({ loadError: r.error });
  else set({ status: r.value, loadError: null });
}

/** Follows the main process's checks (start, every 24 h); returns the unsubscribe. */
export function followLicense(): () => void {
  return getApi().on('license:state', (status) => set({ status, loadError: null }));
}

export function setKey(key: string): void {
  set({ key, verdict: null, actionError: null });
}

export async function checkKey(): Promise<void> {
  await withKey('check', 'license:check');
}

export async function activateKey(): Promise<void> {
  if (await withKey('activate', 'license:activate')) await loadLicense();
}

async function withKey(busy: 'check' | 'activate', channel: 'license:check' | 'license:activate') {
  const key = get().key.trim();
  if (!key) {
    set({ actionError: 'Paste a license key first.' });
    return false;
  }
  set({ busy, actionError: null, verdict: null, deactivated: null });
  const r = await call(channel, { key });
  if (!r.ok) {
    set({ busy: null, actionError: r.error.message || r.error.code });
    return false;
  }
  // An activated key leaves the form: it is stored now, and the form should not keep it.
  set({ busy: null, verdict: r.value, key: r.value.stored ? '' : get().key });
  return true;
}

export async function deactivate(): Promise<void> {
  set({ busy: 'deactivate', actionError: null });
  const r = await call('license:deactivate');
  if (!r.ok) {
    set({ busy: null, actionError: r.error.message || r.error.code });
    return;
  }
  set({ busy: null, verdict: null, deactivated: deactivationSentence(r.value) });
  await loadLicense();
}

function deactivationSentence(r: ResponseOf<'license:deactivate'>): string {
  const where = r.removedFrom.map((b) => (b === 'file' ? 'the key file' : 'the OS credential store'));
  const head = where.length
    ? `License key removed from ${where.join(' and ')}.`
    : 'No license key was stored.';
  return `${head} ${r.note}`;
}

/** The server form starts from the saved setting. */
export function loadServerForm(saved: { url: string; publicKey: string } | undefined): void {
  set({
    server: { url: saved?.url ?? '', publicKey: saved?.publicKey ?? '' },
    serverErrors: {},
    serverSaved: false,
  });
}

export function editServer(patch: Partial<LicenseState['server']>): void {
  set((s) => ({ server: { ...s.server, ...patch }, serverErrors: {}, serverSaved: false }));
}

/** Saved at once through settings:update (both fields, or neither to turn online activation off). */
export async function saveServer(): Promise<void> {
  const { url, publicKey } = get().server;
  const clear = !url.trim() && !publicKey.trim();
  if (!clear && (!url.trim() || !publicKey.trim())) {
    set({
      serverErrors: url.trim()
        ? { publicKey: 'Enter the server’s public key.' }
        : { url: 'Enter the server URL.' },
    });
    return;
  }
  set({ serverSaving: true, serverErrors: {} });
  const r = await call('settings:update', {
    licenseServer: clear ? null : { url: url.trim(), publicKey: publicKey.trim() },
  });
  if (!r.ok) {
    const field = r.error.field?.replace(/^licenseServer\.?/, '') || 'url';
    set({ serverSaving: false, serverErrors: { [field]: fieldErrorText(r.error) } });
    return;
  }
  useSettings.setState((s) => ({
    saved: s.saved ? { ...s.saved, licenseServer: r.value.licenseServer } : r.value,
  }));
  loadServerForm(r.value.licenseServer);
  set({ serverSaving: false, serverSaved: true });
  await loadLicense();
}
