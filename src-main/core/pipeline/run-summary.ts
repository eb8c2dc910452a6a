import type { ArchiveResult } from '../checkpoint/archive-exports';
import type { RawCopyResult } from '../checkpoint/raw-transcripts';
import type { SkippedLink } from '../discovery/types';
import type { DedupCounts } from '../model';
import type { FileResult } from './file-result';
import type { GitStepReport } from './git-seam';

export type RunOutcome = 'done' | 'partial' | 'failed';

/** Exit codes of the CLI, shared with the app's run status: 0 done, 1 failed, 2 usage, 3 partial. */
export const EXIT = { done: 0, failed: 1, usage: 2, partial: 3 } as const;

export interface RunSummary {
  outcome: RunOutcome;
  exitCode: 0 | 1 | 3;
  memoryDir: string;
  logFile: string;
  counts: DedupCounts;
  dedupRate: number;
  files: FileResult[];
  waiting: string[];
  problems: { path: string; reason: string; scope: 'file' | 'directory' }[];
  /** Symlinks discovery did not follow (outside the searched places, a system folder, a loop). */
  skippedLinks: SkippedLink[];
  archived: ArchiveResult[];
  rawCopies: RawCopyResult[];
  checkpoint: { id: string; title: string; document: string; resumed: boolean; counts: DedupCounts } | null;
  touchedPaths: string[];
  redactions: number;
  git: GitStepReport | { skipped: string };
  /** One sentence with the fix when the memory folder is in no git repository (never committed); else null. */
  memoryNotInGit: string | null;
  durationMs: number;
  error: string | null;
}
