/**
 * Parser for `git status --porcelain=v2 --branch -z`: the stable, machine-readable status
 * format (documented in git-status(1), unchanged since git 2.11).
 */

export type BranchHead =
  /** `oid` is null on an unborn branch (no commit yet). */
  | { type: 'branch'; name: string; oid: string | null; upstream: Upstream | null }
  | { type: 'detached'; oid: string };

export interface Upstream {
  /** `origin/main`. */
  name: string;
  /** null: the upstream branch is configured but gone from the remote-tracking refs. */
  aheadBehind: { ahead: number; behind: number } | null;
}

/** One changed path. X is the index side (staged), Y the worktree side; `.` means unchanged. */
export type StatusEntry =
  | {
      kind: 'changed';
      path: string;
      x: string;
      y: string;
      submodule: SubmoduleState | null;
      origPath?: string;
    }
  | { kind: 'unmerged'; path: string; x: string; y: string }
  | { kind: 'untracked'; path: string }
  | { kind: 'ignored'; path: string };

/** The `S<c><m><u>` field of a gitlink entry. */
export interface SubmoduleState {
  commitChanged: boolean;
  trackedChanges: boolean;
  untrackedChanges: boolean;
}

export interface PorcelainStatus {
  head: BranchHead;
  entries: StatusEntry[];
}

export function parsePorcelainV2(out: string): PorcelainStatus {
  const records = out.split('\0');
  const headers: Record<string, string> = {};
  const entries: StatusEntry[] = [];
  for (let i = 0; i < records.length; i++) {
    const rec = records[i]!;
    if (!rec) continue;
    if (rec.startsWith('# ')) {
      const sp = rec.indexOf(' ', 2);
      if (sp > 0) headers[rec.slice(2, sp)] = rec.slice(sp + 1);
      continue;
    }
    const entry = parseEntry(rec);
    if (!entry) continue;
    // Renames and copies carry the original path in the next NUL-separated record.
    if (rec.startsWith('2 ') && entry.kind === 'changed') entry.origPath = records[++i];
    entries.push(entry);
  }
  return { head: parseHead(headers), entries };
}

function parseEntry(rec: string): StatusEntry | null {
  switch (rec[0]) {
    case '1':
      return changed(rec, 8);
    case '2':
      return changed(rec, 9);
    case 'u': {
      const f = fields(rec, 10);
      return f ? { kind: 'unmerged', path: f.rest, x: f.parts[1]![0]!, y: f.parts[1]![1]! } : null;
    }
    case '?':
      return { kind: 'untracked', path: rec.slice(2) };
    case '!':
      return { kind: 'ignored', path: rec.slice(2) };
    default:
      return null;
  }
}

function changed(rec: string, pathField: number): StatusEntry | null {
  const f = fields(rec, pathField);
  if (!f) return null;
  const xy = f.parts[1]!;
  const sub = f.parts[2]!;
  return {
    kind: 'changed',
    path: f.rest,
    x: xy[0]!,
    y: xy[1]!,
    submodule:
      sub[0] === 'S'
        ? { commitChanged: sub[1] === 'C', trackedChanges: sub[2] === 'M', untrackedChanges: sub[3] === 'U' }
        : null,
  };
}

/** The first `n` space-separated fields, and the rest of the record (the path, which may hold spaces). */
function fields(rec: string, n: number): { parts: string[]; rest: string } | null {
  const parts: string[] = [];
  let at = 0;
  for (let k = 0; k < n; k++) {
    const sp = rec.indexOf(' ', at);
    if (sp < 0) return null;
    parts.push(rec.slice(at, sp));
    at = sp + 1;
  }
  return { parts, rest: rec.slice(at) };
}

function parseHead(h: Record<string, string>): BranchHead {
  const oid = h['branch.oid'] && h['branch.oid'] !== '(initial)' ? h['branch.oid'] : null;
  const name = h['branch.head'];
  if (!name || name === '(detached)') return { type: 'detached', oid: oid ?? '' };
  const upstreamName = h['branch.upstream'];
  const ab = /^\+(\d+) -(\d+)$/.exec(h['branch.ab'] ?? '');
  return {
    type: 'branch',
    name,
    oid,
    upstream: upstreamName
      ? { name: upstreamName, aheadBehind: ab ? { ahead: Number(ab[1]), behind: Number(ab[2]) } : null }
      : null,
  };
}

export interface StatusCounts {
  staged: number;
  modified: number;
  untracked: number;
  conflicted: number;
}

export function countEntries(entries: readonly StatusEntry[]): StatusCounts {
  const c: StatusCounts = { staged: 0, modified: 0, untracked: 0, conflicted: 0 };
  for (const e of entries) {
    if (e.kind === 'unmerged') c.conflicted++;
    else if (e.kind === 'untracked') c.untracked++;
    else if (e.kind === 'changed') {
      if (e.x !== '.') c.staged++;
      if (e.y !== '.') c.modified++;
    }
  }
  return c;
}
