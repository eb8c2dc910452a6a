import fs from 'node:fs';
import path from 'node:path';
import type { RunSummary } from '../core/pipeline/run-summary';
import { writeFileAtomic } from '../core/workspace/atomic-write';
import { RunSummaryShape } from '../ipc/contract-pipeline';

/**
 * The last run's summary, kept beside the index (machine-local) so the dashboard shows it
 * after a restart. Unreadable, missing, or in a shape the contract does not carry (written by
 * an older version, with fewer fields): no last run, rather than a dashboard that fails to answer.
 */
export function lastRunFile(localDir: string): string {
  return path.join(localDir, 'last-run.json');
}

export function readLastRun(file: string): RunSummary | null {
  try {
    const kept = RunSummaryShape.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return kept.success ? kept.data : null;
  } catch {
    return null;
  }
}

export function writeLastRun(file: string, summary: RunSummary): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(summary) + '\n');
}
