import type { ExportDedupOptions } from '../core/pipeline/export-dedup';
import type { PipelineEvent } from '../core/pipeline/events';
import type { RunSummary } from '../core/pipeline/run-summary';

/** The run's options that are plain data: they cross to the worker by structured clone. */
type PlainRunOptions = Pick<
  ExportDedupOptions,
  | 'root'
  | 'memoryDir'
  | 'cwd'
  | 'home'
  | 'tmpdir'
  | 'env'
  | 'includeTemp'
  | 'includeTranscripts'
  | 'exportLocations'
  | 'archiveMode'
  | 'description'
  | 'lockWaitMs'
  | 'settleMs'
  | 'settleWait'
  | 'command'
>;

/**
 * What the main thread sends the pipeline worker (structured-clonable: plain data only),
 * and what the worker sends back. The worker makes the rest of the options (the git step,
 * the log, the helper threads) on its side.
 */
export interface PipelineJob extends PlainRunOptions {
  /** Step 6: commit the run's artifacts in every repository that records them (no push). */
  git: boolean;
  /** The `logMaxLines` setting; the worker resolves the cap like everyone else. */
  logMaxLines?: number;
}

export type WorkerMessage =
  | { kind: 'event'; event: PipelineEvent }
  | { kind: 'done'; summary: RunSummary }
  | { kind: 'crashed'; error: string };
