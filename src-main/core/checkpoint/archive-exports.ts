import fs from 'node:fs';
import path from 'node:path';
import { sha256Hex } from '../identity/file-hash';
import { SourceRepository, type SourceRow } from '../memory/sources';
import type { MemoryStore } from '../memory/store';
import { redactFileName } from '../security/redact-file-name';
import { fsyncDir } from '../workspace/atomic-write';
import type { Disposition } from './archive-policy';

export type ArchiveResult =
  | { status: 'archived'; from: string; to: string }
  | { status: 'already-archived'; from: string; to: string }
  /** Archived by copy: the original stays where it is, for `reason`. */
  | { status: 'copied'; from: string; to: string; reason: string }
  /** A second copy (another name, another place) of an export already imported from `sameAs`, moved. */
  | { status: 'duplicate-archived'; from: string; to: string; sameAs: string }
  /** The same, left where it is for `reason`: its content is in the archive already. */
  | { status: 'duplicate-kept'; from: string; sameAs: string; reason: string }
  | { status: 'missing'; from: string; reason: string }
  | { status: 'failed'; from: string; reason: string };

/** How each file may be archived (see archive-policy); a file it does not name is only copied. */
export type DispositionOf = (file: string) => Disposition;

/**
 * Step 4. Move each imported `/export` into `exports-archive/`, or copy it there when the
 * policy keeps the original (a file git tracks, a script, a file outside the drop zones, or
 * the user keeps originals). The destinations are recorded
 * before the moves, so after a crash the next run can tell "moved but not recorded" from
 * "not moved yet". A name clash gets a suffix; nothing is ever overwritten.
 *
 * In three phases over all exports at once: record every destination (one transaction); link
 * each file there and make the links durable with one fsync of the archive folder; then remove
 * the originals and record the moves (one transaction). Per file this was two commits and a
 * directory fsync, the bulk of the step for hundreds of exports.
 */
export function archiveImportedExports(
  store: MemoryStore,
  archiveDir: string,
  dispositionOf: DispositionOf,
): ArchiveResult[] {
  const repo = new SourceRepository(store);
  const taken = new Set<string>();
  const steps = store.atomically(() =>
    repo.exportsToArchive().map((row) => settleOrPlan(repo, row, archiveDir, taken, dispositionOf)),
  );
  const linked = steps.map((st) =>
    st.kind === 'move' ? linkInto(st) : st.kind === 'copy' ? copyInto(st) : st,
  );
  if (linked.some((st) => st.kind === 'linked' || (st.kind === 'done' && st.result.status === 'copied')))
    fsyncDir(archiveDir);
  return store.atomically(() => linked.map((st) => finishMove(repo, st)));
}

/** The exports `archiveImportedExports` would archive now: what the policy is asked about. */
export function exportsAwaitingArchive(store: MemoryStore): string[] {
  return new SourceRepository(store).exportsToArchive().map((row) => row.path);
}

type Step =
  | { kind: 'done'; result: ArchiveResult; record?: { id: number; to: string } }
  | { kind: 'move'; row: SourceRow; to: string }
  | { kind: 'copy'; row: SourceRow; to: string; reason: string }
  | { kind: 'linked'; row: SourceRow; to: string };

/** Finish what a crashed run left halfway, or plan the move or copy (the destination recorded first). */
function settleOrPlan(
  repo: SourceRepository,
  row: SourceRow,
  archiveDir: string,
  taken: Set<string>,
  dispositionOf: DispositionOf,
): Step {
  const from = row.path;
  const to = row.archive_path;
  const disposition = fs.existsSync(from) ? dispositionOf(from) : ({ action: 'move' } as const);
  if (to && !fs.existsSync(from) && fs.existsSync(to))
    return { kind: 'done', result: { status: 'already-archived', from, to }, record: { id: row.id, to } };
  if (
    disposition.action === 'copy' &&
    to &&
    fs.existsSync(to) &&
    !sameFile(from, to) &&
    holds(to, row.sha256)
  )
    return copied(row, to, disposition.reason);
  // A crash fell between the link and the unlink: finish the move (a copy's link is undone).
  if (to && fs.existsSync(from) && sameFile(from, to)) {
    if (disposition.action === 'move') return { kind: 'linked', row, to };
    const undone = unlinkQuietly(to);
    if (undone) return { kind: 'done', result: { status: 'failed', from, reason: undone } };
  }
  if (!fs.existsSync(from))
    return {
      kind: 'done',
      result: { status: 'missing', from, reason: 'the imported file is no longer there; nothing to move' },
    };
  try {
    fs.mkdirSync(archiveDir, { recursive: true });
    const target = freeName(archiveDir, redactFileName(path.basename(from)), taken);
    taken.add(target);
    repo.planArchive(row.id, target);
    return disposition.action === 'move'
      ? { kind: 'move', row, to: target }
      : { kind: 'copy', row, to: target, reason: disposition.reason };
  } catch (err) {
    return { kind: 'done', result: { status: 'failed', from, reason: (err as Error).message } };
  }
}

function linkInto(st: Extract<Step, { kind: 'move' }>): Step {
  try {
    linkOrCopy(st.row.path, st.to, st.row.sha256);
    return { kind: 'linked', row: st.row, to: st.to };
  } catch (err) {
    return { kind: 'done', result: { status: 'failed', from: st.row.path, reason: (err as Error).message } };
  }
}

/** A real copy, never a link: the original stays the user's to edit, and the archive must not change with it. */
function copyInto(st: Extract<Step, { kind: 'copy' }>): Step {
  try {
    copyVerified(st.row.path, st.to, st.row.sha256);
    return copied(st.row, st.to, st.reason);
  } catch (err) {
    return { kind: 'done', result: { status: 'failed', from: st.row.path, reason: (err as Error).message } };
  }
}

function copied(row: SourceRow, to: string, reason: string): Step {
  return {
    kind: 'done',
    result: { status: 'copied', from: row.path, to, reason },
    record: { id: row.id, to },
  };
}

/** Null when removed; else why not. */
function unlinkQuietly(file: string): string | null {
  try {
    fs.unlinkSync(file);
    return null;
  } catch (err) {
    return `could not undo the half-made archive entry ${file}: ${(err as Error).message}`;
  }
}

/** Whether `file` has exactly the bytes the import hashed. */
function holds(file: string, sha256: string | null): boolean {
  try {
    return sha256 !== null && sha256Hex(fs.readFileSync(file)) === sha256;
  } catch {
    return false;
  }
}

function finishMove(repo: SourceRepository, st: Step): ArchiveResult {
  if (st.kind === 'done') {
    if (st.record) repo.markArchived(st.record.id, st.record.to);
    return st.result;
  }
  const from = st.row.path;
  try {
    fs.unlinkSync(from);
    repo.markArchived(st.row.id, st.to);
    return { status: 'archived', from, to: st.to };
  } catch (err) {
    return {
      status: 'failed',
      from,
      reason: `archived as ${st.to} but the original stays: ${(err as Error).message}`,
    };
  }
}

/**
 * A second copy of an export already imported (same bytes, another name or place): moved into
 * the archive when the policy allows, else left where it is (its content is archived already).
 */
export function archiveCopy(
  from: string,
  sameAs: string,
  archiveDir: string,
  disposition: Disposition,
): ArchiveResult {
  if (disposition.action === 'copy')
    return { status: 'duplicate-kept', from, sameAs, reason: disposition.reason };
  try {
    fs.mkdirSync(archiveDir, { recursive: true });
    const to = freeName(archiveDir, redactFileName(path.basename(from)));
    linkOrCopy(from, to, null);
    fsyncDir(archiveDir);
    fs.unlinkSync(from);
    return { status: 'duplicate-archived', from, to, sameAs };
  } catch (err) {
    return { status: 'failed', from, reason: (err as Error).message };
  }
}

function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** `name.txt`, else `name-2.txt`, `name-3.txt`…: never an existing file, nor one in `taken`. */
function freeName(dir: string, name: string, taken: ReadonlySet<string> = new Set()): string {
  const ext = path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  const used = (p: string) => taken.has(p) || fs.existsSync(p);
  let candidate = path.join(dir, name);
  for (let n = 2; used(candidate); n++) candidate = path.join(dir, `${stem}-${n}${ext}`);
  return candidate;
}

/**
 * A hard link at `to` (it fails rather than overwrite, and the original stays until the caller
 * removes it); across devices a copy, verified against the import's hash.
 */
function linkOrCopy(from: string, to: string, sha256: string | null): void {
  try {
    fs.linkSync(from, to);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'ENOTSUP') throw err;
    copyVerified(from, to, sha256);
  }
}

/** Copy without overwriting, made durable, and checked against the import's hash when known. */
function copyVerified(from: string, to: string, sha256: string | null): void {
  fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
  const fd = fs.openSync(to, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  if (sha256 && sha256Hex(fs.readFileSync(to)) !== sha256) {
    fs.rmSync(to);
    throw new Error(`copy to ${to} did not verify; original kept`);
  }
}
