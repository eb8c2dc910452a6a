/** Settings: the saved values, the form being edited, and errors per field from the app. */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { IpcError, Settings } from '../../bridge/types';
import { applyTheme } from '../../app/store';
import { fieldErrorText } from '../../ui/field-error';
import { buildPatch, fieldKey, isDirty, toForm, type SettingsForm } from './settings-form';

interface SettingsState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  loadError: IpcError | null;
  saved: Settings | null;
  form: SettingsForm | null;
  saving: boolean;
  /** Errors by field (`projectsRoot`, `exportLocations`, …); '' for ones not tied to a field. */
  errors: Record<string, string>;
  savedAt: number | null;
}

export const useSettings = create<SettingsState>()(() => ({
  status: 'idle',
  loadError: null,
  saved: null,
  form: null,
  saving: false,
  errors: {},
  savedAt: null,
}));

const set = useSettings.setState;
const get = useSettings.getState;

/** Opening Settings again: edits not saved yet are kept, never silently replaced. */
export async function openSettings(): Promise<void> {
  const { saved, form } = get();
  if (isDirty(saved, form)) return;
  await loadSettings();
}

export async function loadSettings(): Promise<void> {
  set({ status: 'loading', loadError: null });
  const r = await call('settings:get');
  if (!r.ok) {
    set({ status: 'error', loadError: r.error });
    return;
  }
  set({ status: 'ready', saved: r.value, form: toForm(r.value), errors: {} });
}

export function editForm(patch: Partial<SettingsForm>): void {
  const form = get().form;
  if (!form) return;
  const errors = { ...get().errors };
  for (const k of Object.keys(patch)) delete errors[k];
  set({ form: { ...form, ...patch }, errors, savedAt: null });
}

/** Beside the list of export locations, an error names which one, as the user counts them. */
function settingsErrorText(e: IpcError): string {
  const at = /^exportLocations\.(\d+)$/.exec(e.field ?? '');
  const text = fieldErrorText(e);
  return at ? `Export location ${Number(at[1]) + 1}: ${text.charAt(0).toLowerCase()}${text.slice(1)}` : text;
}

export async function saveSettings(): Promise<void> {
  const { saved, form, saving } = get();
  if (!saved || !form || saving) return;
  const { patch, errors } = buildPatch(saved, form);
  if (Object.keys(errors).length) {
    set({ errors });
    return;
  }
  if (Object.keys(patch).length === 0) {
    set({ savedAt: Date.now(), errors: {} });
    return;
  }
  set({ saving: true, errors: {} });
  const r = await call('settings:update', patch);
  if (!r.ok) {
    set({ saving: false, errors: { [fieldKey(r.error.field)]: settingsErrorText(r.error) } });
    return;
  }
  applyTheme(r.value.theme);
  // Keep edits made while saving; take the app's values for the fields that were sent.
  const current = get().form ?? form;
  const fresh = toForm(r.value);
  const merged = { ...current };
  for (const k of Object.keys(patch) as (keyof SettingsForm)[])
    (merged as Record<string, unknown>)[k] = fresh[k];
  set({ saving: false, saved: r.value, form: merged, savedAt: Date.now() });
}

/** Theme applies at once (like the OS setting it mirrors) and is saved straight away. */
export async function setTheme(theme: Settings['theme']): Promise<void> {
  const prev = get().saved?.theme ?? 'system';
  applyTheme(theme);
  editForm({ theme });
  const r = await call('settings:update', { theme });
  if (!r.ok) {
    applyTheme(prev);
    set((s) => ({
      errors: { ...s.errors, theme: fieldErrorText(r.error) },
      form: s.form ? { ...s.form, theme: prev } : s.form,
    }));
    return;
  }
  set((s) => ({ saved: s.saved ? { ...s.saved, theme: r.value.theme } : r.value }));
}
