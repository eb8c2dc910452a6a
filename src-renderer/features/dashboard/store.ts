/**
 * Dashboard data and the pipeline run: totals, exports waiting, and the progress of a run as
 * `pipeline:event` / `pipeline:done` events arrive. The run subscription lives as long as the
 * app (started from the shell), so a run keeps its progress while the user looks elsewhere.
 */
import { create } from 'zustand';
import { call, getApi } from '../../bridge';
import type {
  DashboardSummary,
  DedupCounts,
  FileResult,
  IpcError,
  PendingFile,
  PipelineEvent,
  RunSummary,
  StepName,
} from '../../bridge/types';
import { plural } from '../../ui/format';
import { idle, reload, type Resource } from '../../ui/resource';

export type { StepName };

/** Every step the contract names, with its label, in the pipeline's order (the type keeps the two in step). */
export const STEP_LABELS: { readonly [S in StepName]: string } = {
  preflight: 'Preflight',
  discover: 'Discover',
  import: 'Import',
  archive: 'Archive',
  checkpoint: 'Checkpoint',
  git: 'Git',
};

// Exactly the keys of STEP_LABELS, whose type lists every step and nothing else.
export const STEPS = Object.keys(STEP_LABELS) as StepName[];

export interface StepState {
  status: 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
  durationMs?: number;
  detail?: string;
}

export interface FileProgress {
  index: number;
  total: number;
  path: string;
  bytes: number;
  done: boolean;
  status?: FileResult['status'];
}

export interface RunState {
  runId: string | null;
  running: boolean;
  starting: boolean;
  steps: Record<StepName, StepState>;
  file: FileProgress | null;
  filesDone: number;
  filesTotal: number;
  totals: DedupCounts | null;
  failedFiles: { path: string; reason: string }[];
  summary: RunSummary | null;
  startError: IpcError | null;
  startedAt: number | null;
}

export interface RunOptions {
  description: string;
  includeTranscripts: boolean;
  git: boolean;
}

interface DashboardState {
  summary: Resource<DashboardSummary>;
  pending: Resource<{ files: PendingFile[]; waiting: PendingFile[] }>;
  run: RunState;
  options: RunOptions;
}

const freshSteps = (): Record<StepName, StepState> =>
  Object.fromEntries(STEPS.map((s) => [s, { status: 'pending' }])) as Record<StepName, StepState>;

const freshRun = (): RunState => ({
  runId: null,
  running: false,
  starting: false,
  steps: freshSteps(),
  file: null,
  filesDone: 0,
  filesTotal: 0,
  totals: null,
  failedFiles: [],
  summary: null,
  startError: null,
  startedAt: null,
});

export const useDashboard = create<DashboardState>()(() => ({
  summary: idle,
  pending: idle,
  run: freshRun(),
  options: { description: '', includeTranscripts: true, git: true },
}));

const set = useDashboard.setState;
const get = useDashboard.getState;

export async function loadSummary(): Promise<void> {
  await reload({ get: () => get().summary, put: (summary) => set({ summary }) }, () =>
    call('dashboard:summary'),
  );
}

export async function loadPending(): Promise<void> {
  await reload({ get: () => get().pending, put: (pending) => set({ pending }) }, () =>
    call('exports:pending'),
  );
}

export function loadDashboard(): void {
  void loadSummary();
  void loadPending();
}

export function setRunOptions(patch: Partial<RunOptions>): void {
  set((s) => ({ options: { ...s.options, ...patch } }));
}

export async function startRun(): Promise<void> {
  const { options, run } = get();
  if (run.running || run.starting) return;
  set({ run: { ...freshRun(), starting: true, startedAt: Date.now() } });
  const request: { description?: string; includeTranscripts: boolean; git: boolean } = {
    includeTranscripts: options.includeTranscripts,
    git: options.git,
  };
  if (options.description.trim()) request.description = options.description.trim();
  const r = await call('pipeline:start', request);
  if (!r.ok) {
    set((s) => ({ run: { ...s.run, starting: false, running: false, startError: r.error } }));
    return;
  }
  set((s) => ({
    // A title names one checkpoint: the next run starts from the default again.
    options: { ...s.options, description: '' },
    run: {
      ...s.run,
      starting: false,
      // pipeline:done may already have arrived (a very short run): don't flip back to running.
      running: s.run.summary ? false : true,
      runId: r.value.runId,
    },
  }));
}

/** Applies one pipeline event to the run state. */
export function applyPipelineEvent(run: RunState, runId: string, e: PipelineEvent): RunState {
  const r = followedRun(run, runId);
  switch (e.type) {
    case 'step-started':
      return withStep(r, e.step, { status: 'running' });
    case 'step-succeeded':
      return withStep(r, e.step, { status: 'succeeded', durationMs: e.durationMs, detail: e.summary });
    case 'step-failed':
      return withStep(r, e.step, { status: 'failed', durationMs: e.durationMs, detail: e.error });
    case 'step-skipped':
      return withStep(r, e.step, { status: 'skipped', detail: e.reason });
    case 'waiting-for-writes':
      // An explicit run waits for exports still being written: say so on the discover step.
      return withStep(r, 'discover', {
        status: 'running',
        detail: `waiting up to ${Math.round(e.maxMs / 1000)} s for ${plural(e.paths.length, 'export')} still being written`,
      });
    case 'file-started':
      return {
        ...r,
        filesTotal: e.total || r.filesTotal,
        file: { index: e.index, total: e.total, path: e.path, bytes: e.bytes, done: false },
      };
    case 'file-done':
      return {
        ...r,
        filesDone: Math.max(r.filesDone, e.index + 1),
        filesTotal: e.total || r.filesTotal,
        totals: e.totals,
        failedFiles:
          e.result.status === 'failed'
            ? [...r.failedFiles, { path: e.result.path, reason: e.result.reason }]
            : r.failedFiles,
        file: {
          index: e.index,
          total: e.total,
          path: e.result.path,
          bytes: r.file?.bytes ?? 0,
          done: true,
          status: e.result.status,
        },
      };
  }
}

/** The run an event belongs to: another run (auto-import, another window) is followed from a clean slate. */
function followedRun(run: RunState, runId: string): RunState {
  let r = run;
  if (r.runId && r.runId !== runId && !r.starting)
    r = { ...freshRun(), runId, running: true, startedAt: Date.now() };
  if (!r.runId) r = { ...r, runId };
  if (!r.summary) r = { ...r, running: true };
  return r;
}

function withStep(r: RunState, step: StepName, state: StepState): RunState {
  return { ...r, steps: { ...r.steps, [step]: state } };
}

let listening = false;

/** Follows pipeline events for the life of the app; picks up a run already under way. */
export function startRunListener(): () => void {
  if (listening) return () => {};
  listening = true;
  const api = getApi();
  const offEvent = api.on('pipeline:event', (p) => {
    set((s) => ({ run: applyPipelineEvent(s.run, p.runId, p.event) }));
  });
  const offDone = api.on('pipeline:done', (p) => {
    set((s) => ({ run: { ...s.run, runId: p.runId, running: false, starting: false, summary: p.summary } }));
    loadDashboard();
  });
  const offChanged = api.on('exports:changed', () => {
    scheduleReloadPending();
  });
  void call('pipeline:status').then((r) => {
    if (!r.ok) return;
    const { running, runId, last } = r.value;
    set((s) => {
      if (s.run.running || s.run.starting || s.run.summary) return s;
      return { run: { ...s.run, running, runId, summary: running ? null : last } };
    });
  });
  return () => {
    listening = false;
    offEvent();
    offDone();
    offChanged();
  };
}

let pendingTimer: ReturnType<typeof setTimeout> | null = null;
function scheduleReloadPending(): void {
  if (pendingTimer) return;
  pendingTimer = setTimeout(() => {
    pendingTimer = null;
    void loadPending();
  }, 300);
}
