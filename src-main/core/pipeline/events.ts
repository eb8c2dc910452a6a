import type { DedupCounts } from '../model';
import type { FileResult } from './file-result';

export const STEPS = ['preflight', 'discover', 'import', 'archive', 'checkpoint', 'git'] as const;
export type StepName = (typeof STEPS)[number];

/** What the pipeline tells its caller (CLI progress, the app's progress bars) as it goes. */
export type PipelineEvent =
  | { type: 'step-started'; step: StepName }
  | { type: 'step-succeeded'; step: StepName; durationMs: number; summary: string }
  | { type: 'step-failed'; step: StepName; durationMs: number; error: string }
  | { type: 'step-skipped'; step: StepName; reason: string }
  | { type: 'waiting-for-writes'; paths: string[]; maxMs: number }
  | { type: 'file-started'; index: number; total: number; path: string; bytes: number }
  | { type: 'file-done'; index: number; total: number; result: FileResult; totals: DedupCounts };

export type EventSink = (e: PipelineEvent) => void;
