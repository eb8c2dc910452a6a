import fs from 'node:fs';
import path from 'node:path';
import type { RunSummary } from '../core/pipeline/run-summary';
import { writeFileAtomic } from '../core/workspace/atomic-write';

/**
 * The last run's summary, kept beside the index (machine-local) so the dashboard shows it
 * after a restart. Unreadable or missing: no last run.
 */
export function lastRunFile(localDir: string): string {
  return path.join(localDir, 'last-run.json');
}

export function readLastRun(file: string): RunSummary | null {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return value && typeof value === 'object' && 'outcome' in value ? (value as RunSummary) : null;
  } catch {
    return null;
  }
}

export function writeLastRun(file: string, summary: RunSummary): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify(summary) + '\n');
}
