import fs from 'node:fs';
import path from 'node:path';
import type { DiscoveryProblem } from '../discovery/types';
import { writeFileAtomic } from '../workspace/atomic-write';

/**
 * Files a run has already reported as bad, with the size and modification time they had
 * then. A bad file that has not changed is said once: later runs do not turn partial for it
 * (nothing new can be learned), and `coditect doctor` keeps listing it. A file that changes
 * is judged afresh. Kept beside the index, untracked: it is this machine's view of its disk.
 */

export interface ReportedProblem {
  path: string;
  reason: string;
  size: number;
  mtimeMs: number;
  firstReported: string;
}

const FILE_NAME = 'reported-problems.json';

export function reportedProblemsFile(localDir: string): string {
  return path.join(localDir, FILE_NAME);
}

/** The problems already reported for files unchanged since; unreadable records count as none. */
export function readReportedProblems(localDir: string): ReportedProblem[] {
  try {
    const parsed = JSON.parse(fs.readFileSync(reportedProblemsFile(localDir), 'utf8')) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isReportedProblem) : [];
  } catch {
    return [];
  }
}

function isReportedProblem(v: unknown): v is ReportedProblem {
  const o = v as Record<string, unknown>;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.path === 'string' &&
    typeof o.reason === 'string' &&
    typeof o.size === 'number' &&
    typeof o.mtimeMs === 'number'
  );
}

export interface SortedProblems {
  /** Not reported before, or changed since: these make the run partial. */
  fresh: DiscoveryProblem[];
  /** File problems reported by an earlier run on a file unchanged since. */
  known: ReportedProblem[];
}

/**
 * Split this run's problems into fresh and known, and record the file problems as they now
 * stand (a file no longer bad drops out). Directory problems are always fresh: they are
 * warnings, not a reason for a partial run.
 */
export function sortProblems(
  localDir: string,
  problems: DiscoveryProblem[],
  now = new Date(),
): SortedProblems {
  const before = new Map(readReportedProblems(localDir).map((p) => [p.path, p]));
  const fresh: DiscoveryProblem[] = [];
  const known: ReportedProblem[] = [];
  const record: ReportedProblem[] = [];
  for (const p of problems) {
    const stat = p.scope === 'file' ? statOf(p.path) : null;
    if (!stat) {
      fresh.push(p);
      continue;
    }
    const prior = before.get(p.path);
    const same =
      prior && prior.size === stat.size && prior.mtimeMs === stat.mtimeMs && prior.reason === p.reason;
    if (same) known.push(prior);
    else fresh.push(p);
    record.push(same ? prior : { ...p, ...stat, firstReported: now.toISOString() });
  }
  saveQuietly(localDir, record, before.size);
  return { fresh, known };
}

function statOf(file: string): { size: number; mtimeMs: number } | null {
  try {
    const s = fs.statSync(file);
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch {
    return null;
  }
}

/** The record only spares a repeated word: failing to write it must not fail the run. */
function saveQuietly(localDir: string, record: ReportedProblem[], hadBefore: number): void {
  if (record.length === 0 && hadBefore === 0) return;
  try {
    writeFileAtomic(reportedProblemsFile(localDir), `${JSON.stringify(record, null, 2)}\n`);
  } catch {
    // the next run reports these files again, which is the safe side
  }
}
