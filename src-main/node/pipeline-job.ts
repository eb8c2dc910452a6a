import type { PipelineEvent } from '../core/pipeline/events';
import type { RunSummary } from '../core/pipeline/run-summary';
import type { SettleWait } from '../core/discovery/settle-wait';

/**
 * What the main thread sends the pipeline worker (structured-clonable: plain data only),
 * and what the worker sends back.
 */
export interface PipelineJob {
  root: string;
  memoryDir: string;
  cwd: string;
  home: string;
  tmpdir: string;
  env: Record<string, string | undefined>;
  description?: string;
  includeTemp: boolean;
  includeTranscripts: boolean;
  exportLocations: string[];
  /** The `archiveMode` setting: move exports into the archive, or copy them and keep the originals. */
  archiveMode?: 'move' | 'copy';
  /** Step 6: commit the run's artifacts in every repository that records them (no push). */
  git: boolean;
  lockWaitMs: number;
  settleMs?: number;
  /** Set for an explicit run (the Run button): wait for exports still being written. */
  settleWait?: SettleWait;
  /** The `logMaxLines` setting; the worker resolves the cap like everyone else. */
  logMaxLines?: number;
  command: string;
}

export type WorkerMessage =
  | { kind: 'event'; event: PipelineEvent }
  | { kind: 'done'; summary: RunSummary }
  | { kind: 'crashed'; error: string };
