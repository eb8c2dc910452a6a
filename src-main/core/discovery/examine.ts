import fs from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { sniffKind } from '../formats/sniff';
import type { SourceKind } from '../model';
import { MAX_EXPORT_BYTES, type CandidateRole } from './candidates';
import { fileFacts, identityKey, mtimeMs, type FileFacts } from './file-facts';
import { isVanished, problemReason } from './fs-errors';
import { fstat, openForHead, readHead } from './read-head';

export interface Clock {
  now: number;
  settleMs: number;
}

/** What reading a candidate's head decided. */
export type Verdict =
  | { status: 'input'; kind: SourceKind; facts: FileFacts; settled: boolean }
  | { status: 'not-input' }
  | { status: 'problem'; reason: string };

export interface ExamineContext {
  clock: Clock;
  /** Only files modified this recently count (the temp dir). */
  maxAgeMs?: number;
  /** Verdicts by role and identity: a file reached by several paths is read once. */
  memo: Map<string, Verdict>;
}

/**
 * Open a candidate, identify it by its head, and tell whether it has settled. Returns null
 * for what is not worth a word (vanished, empty, too big, too old). Both stats are taken on
 * the open descriptor, so they describe the very file that was read.
 */
export function examineFile(filePath: string, role: CandidateRole, ctx: ExamineContext): { key: string; verdict: Verdict } | null {
  let fd: number;
  try {
    fd = openForHead(filePath);
  } catch (err) {
    return isVanished(err) ? null : { key: '', verdict: { status: 'problem', reason: problemReason(err) } };
  }
  try {
    return examineOpen(fd, role, ctx);
  } catch (err) {
    return { key: '', verdict: { status: 'problem', reason: problemReason(err) } };
  } finally {
    fs.closeSync(fd);
  }
}

function examineOpen(fd: number, role: CandidateRole, ctx: ExamineContext): { key: string; verdict: Verdict } | null {
  const before = fstat(fd);
  if (!plausible(before, role, ctx)) return null;
  const key = identityKey(before);
  const memoKey = `${role}:${key}`;
  const known = ctx.memo.get(memoKey);
  if (known) return { key, verdict: known };
  const { head, after } = readHead(fd, before.size);
  const verdict = judge(safeSniff(head), role, isSettled(before, after, ctx.clock), fileFacts(after));
  ctx.memo.set(memoKey, verdict);
  return { key, verdict };
}

/** Cheap checks on the stat, before any byte is read. */
function plausible(s: BigIntStats, role: CandidateRole, ctx: ExamineContext): boolean {
  if (!s.isFile() || s.size === 0n) return false; // empty: nothing to identify yet
  if (role === 'export' && s.size > BigInt(MAX_EXPORT_BYTES)) return false;
  return ctx.maxAgeMs === undefined || ctx.clock.now - mtimeMs(s) <= ctx.maxAgeMs;
}

/** Content decides; a file whose content does not match its place is not imported. */
export function judge(kind: SourceKind | null | Error, role: CandidateRole, settled: boolean, facts: FileFacts): Verdict {
  if (kind instanceof Error) return { status: 'problem', reason: `could not identify the file: ${kind.message}` };
  if (kind === role) return { status: 'input', kind, facts, settled };
  // A half-written file may not be recognisable yet: decide on a later run.
  if (!settled || role === 'export') return { status: 'not-input' };
  return { status: 'problem', reason: kind ? `not a Claude Code transcript (content looks like ${kind})` : 'not a Claude Code transcript' };
}

/** Settled: size and mtime unchanged across the read, and mtime not within `settleMs` of now. */
export function isSettled(before: BigIntStats, after: BigIntStats, clock: Clock): boolean {
  const same = before.size === after.size && before.mtimeNs === after.mtimeNs;
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
