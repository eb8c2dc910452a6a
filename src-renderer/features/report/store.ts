/**
 * "Report a problem": the report is built by the app (secrets redacted) and shown for the user
 * to read; it leaves the machine only by the user's own click — copy, save, or the issue link.
 */
import { create } from 'zustand';
import { call, getApi } from '../../bridge';
import type { IpcError, ResponseOf } from '../../bridge/types';
import { registerCommand } from '../search/commands';

export type ProblemReport = ResponseOf<'report:build'>;

interface ReportState {
  open: boolean;
  report: ProblemReport | null;
  loadError: IpcError | null;
  /** What the last action did, in words (copied, saved where), or why it could not. */
  status: { kind: 'success' | 'error'; text: string } | null;
  saving: boolean;
}

export const useReport = create<ReportState>()(() => ({
  open: false,
  report: null,
  loadError: null,
  status: null,
  saving: false,
}));

const set = useReport.setState;

export async function openReport(): Promise<void> {
  set({ open: true, report: null, loadError: null, status: null });
  const r = await call('report:build');
  if (!r.ok) return set({ loadError: r.error });
  set({ report: r.value });
}

/** The desktop app's Help › Report a problem… menu item opens the dialog here. */
export function followAppCommands(): () => void {
  return getApi().on('app:command', ({ command }) => {
    if (command === 'report-problem') void openReport();
  });
}

export function closeReport(): void {
  set({ open: false });
}

export async function copyReport(): Promise<void> {
  const text = useReport.getState().report?.text;
  if (!text) return;
  try {
    await navigator.clipboard.writeText(text);
    set({ status: { kind: 'success', text: 'Copied to the clipboard. Paste it into your issue or email.' } });
  } catch (err) {
    set({
      status: { kind: 'error', text: `Could not copy: ${(err as Error).message || 'no clipboard here'}` },
    });
  }
}

export async function saveReport(): Promise<void> {
  const text = useReport.getState().report?.text;
  if (!text) return;
  set({ saving: true, status: null });
  const r = await call('report:save', { text });
  set({
    saving: false,
    status: r.ok
      ? { kind: 'success', text: `Saved as ${r.value.file}. Attach it to your issue.` }
      : { kind: 'error', text: `Could not save: ${r.error.message}` },
  });
}

registerCommand({
  id: 'report',
  title: 'Report a problem',
  keywords: 'bug issue help feedback',
  run: () => void openReport(),
});
