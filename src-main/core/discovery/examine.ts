import fs from 'node:fs';
import type { BigIntStats } from 'node:fs';
import { sniffKind } from '../formats/sniff';
import type { SourceKind } from '../model';
import { MAX_EXPORT_BYTES, type CandidateRole } from './candidates';
import { fileFacts, identityKey, mtimeMs, type FileFacts } from './file-facts';
import { isVanished, problemReason } from './fs-errors';
import { fstat, openForHead, readHead, readHeadBytes } from './read-head';

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
export function examineFile(
  filePath: string,
  role: CandidateRole,
  ctx: ExamineContext,
): { key: string; verdict: Verdict } | null {
  let fd: number;
  try {
    fd = openForHead(filePath);
  } catch (err) {
    return isVanished(err) ? null : { key: '', verdict: { status: 'problem', reason: problemReason(err) } };
  }
  try {
    return examineOpen(fd, filePath, role, ctx);
  } catch (err) {
    return { key: '', verdict: { status: 'problem', reason: problemReason(err) } };
  } finally {
    closeQuietly(fd);
  }
}

/** Closing a descriptor opened for reading loses nothing if it fails; the verdict stands. */
function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // nothing was written through it
  }
}

function examineOpen(
  fd: number,
  filePath: string,
  role: CandidateRole,
  ctx: ExamineContext,
): { key: string; verdict: Verdict } | null {
  const before = fstat(fd);
  if (role === 'export' && before.isFile() && before.size === 0n && namedLikeExport(filePath)) {
    return {
      key: identityKey(before),
      verdict: { status: 'problem', reason: 'named like an /export but empty' },
    };
  }
  if (!plausible(before, role, ctx)) return null;
  const key = identityKey(before);
  const memoKey = `${role}:${key}`;
  const known = ctx.memo.get(memoKey);
  if (known) return { key, verdict: known };
  const { kind, after } = identify(fd, before.size);
  const verdict = judge(
    kind,
    role,
    isSettled(before, after, ctx.clock),
    fileFacts(after),
    // Only consulted for an export candidate that turned out not to be one.
    role === 'export' && kind !== 'export' && namedLikeExport(filePath),
  );
  ctx.memo.set(memoKey, verdict);
  return { key, verdict };
}

const FIRST_LOOK_BYTES = 8 * 1024;
const FIRST_LOOK_SIZE = BigInt(FIRST_LOOK_BYTES);
const MAX_EXPORT_SIZE = BigInt(MAX_EXPORT_BYTES);

/**
 * Read 8 KiB and sniff; only a file that is not recognised from those is read to HEAD_BYTES.
 * Each head is sniffed once, and the verdict travels with the stat taken after that read.
 */
function identify(fd: number, size: bigint): { kind: SourceKind | null | Error; after: BigIntStats } {
  const first = readHeadBytes(fd, size, FIRST_LOOK_BYTES);
  const kind = safeSniff(first.head);
  if (size <= FIRST_LOOK_SIZE || kind) return { kind, after: first.after };
  const full = readHead(fd, size);
  return { kind: safeSniff(full.head), after: full.after };
}

/** Cheap checks on the stat, before any byte is read. */
function plausible(s: BigIntStats, role: CandidateRole, ctx: ExamineContext): boolean {
  if (!s.isFile() || s.size === 0n) return false; // empty: nothing to identify yet
  if (role === 'export' && s.size > MAX_EXPORT_SIZE) return false;
  return ctx.maxAgeMs === undefined || ctx.clock.now - mtimeMs(s) <= ctx.maxAgeMs;
}

/** Content decides; a file whose content does not match its place is not imported. */
function judge(
  kind: SourceKind | null | Error,
  role: CandidateRole,
  settled: boolean,
  facts: FileFacts,
  exportName = false,
): Verdict {
  if (kind instanceof Error)
    return { status: 'problem', reason: `could not identify the file: ${kind.message}` };
  if (kind === role) return { status: 'input', kind, facts, settled };
  // A half-written file may not be recognisable yet: decide on a later run.
  if (!settled) return { status: 'not-input' };
  // Content decides, so most files are silently not exports; but one named the way /export
  // names its files and holding no conversation (binary, truncated head) deserves a word.
  if (role === 'export') {
    return exportName
      ? { status: 'problem', reason: 'named like an /export but holds no conversation (binary or damaged?)' }
      : { status: 'not-input' };
  }
  return {
    status: 'problem',
    reason: kind
      ? `not a Claude Code transcript (content looks like ${kind})`
      : 'not a Claude Code transcript',
  };
}

/** Claude Code's /export writes `YYYY-MM-DD-<first-prompt-slug>.txt`. */
function namedLikeExport(filePath: string): boolean {
  const name = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1);
  return /^\d{4}-\d{2}-\d{2}-[^/\\]+\.txt$/i.test(name);
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
