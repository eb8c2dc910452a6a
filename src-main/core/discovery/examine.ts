import type { BigIntStats } from 'node:fs';
import { sniffKind } from '../formats/sniff';
import type { SourceKind } from '../model';
import type { CandidateRole } from './candidates';
import { fileFacts, mtimeMs, type FileFacts } from './file-facts';
import { isVanished, problemReason } from './fs-errors';
import { readHead } from './read-head';

export interface Clock {
  now: number;
  settleMs: number;
}

/** What reading a candidate's head decided. */
export type Verdict =
  | { status: 'input'; kind: SourceKind; facts: FileFacts; settled: boolean }
  | { status: 'not-input' }
  | { status: 'problem'; reason: string };

/**
 * Read the head of a candidate, identify it by content, and tell whether it has settled.
 * `before` is the stat taken when the file was listed; a second stat after the read
 * catches a file that grew (or was replaced) while we looked at it.
 */
export function examineFile(filePath: string, before: BigIntStats, role: CandidateRole, clock: Clock, cb: (v: Verdict) => void): void {
  readHead(filePath, before.size, (err, read) => {
    if (err || !read) return cb(isVanished(err) ? { status: 'not-input' } : { status: 'problem', reason: problemReason(err) });
    cb(judge(safeSniff(read.head), role, isSettled(before, read.after, clock), fileFacts(read.after)));
  });
}

/** Content decides; a file whose content does not match its place is not imported. */
export function judge(kind: SourceKind | null | Error, role: CandidateRole, settled: boolean, facts: FileFacts): Verdict {
  if (kind instanceof Error) return { status: 'problem', reason: `could not identify the file: ${kind.message}` };
  if (kind === role) return { status: 'input', kind, facts, settled };
  // A half-written file may not be recognisable yet: decide on a later run.
  if (!settled || role === 'export') return { status: 'not-input' };
  return { status: 'problem', reason: kind ? `not a Claude Code transcript (content looks like ${kind})` : 'not a Claude Code transcript' };
}

/** Settled: unchanged across the read and not modified within `settleMs` of now. */
export function isSettled(before: BigIntStats, after: BigIntStats, clock: Clock): boolean {
  const same = before.size === after.size && before.mtimeNs === after.mtimeNs && before.ino === after.ino;
  // Absolute distance: a file stamped slightly in the future is as suspect as a fresh one.
  return same && Math.abs(clock.now - mtimeMs(after)) >= clock.settleMs;
}

/** The sniffer sees arbitrary bytes; a bug there must cost one file, not the whole run. */
function safeSniff(head: Buffer): SourceKind | null | Error {
  try {
    return sniffKind(head);
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
