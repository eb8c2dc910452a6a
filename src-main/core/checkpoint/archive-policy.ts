import fs from 'node:fs';
import path from 'node:path';
import { beginsLikeExport } from '../formats/export-start';
import { readGitDirs } from '../git/git-dir';
import { askGitAbout } from '../git/untracked-check';

/** The `archiveMode` setting: move imported exports into the archive (default), or copy them. */
export type ArchiveMode = 'move' | 'copy';

/** What the archive step may do with one imported export. */
export type Disposition = { action: 'move' } | { action: 'copy'; reason: string };

export interface ArchivePolicy {
  mode: ArchiveMode;
  /** Folders whose top level is a drop zone (see `dropZones`). */
  dropZones: readonly string[];
}

/** The memory folder's own drop box: exports put there (from another machine, by hand) are moved. */
const INBOX_DIR_NAME = 'inbox';

/**
 * Where `/export` files are dropped and may be moved from: Downloads, Desktop, the temp
 * folder, the memory folder's inbox, the memory repository's top folder, the export
 * locations the user named. (Any repository's top folder counts too, see `inDropZone`.)
 */
export function dropZones(o: {
  home: string;
  tmpdir: string;
  memoryDir: string;
  exportLocations?: readonly string[];
}): string[] {
  const memory = path.resolve(o.memoryDir);
  return [
    path.join(o.home, 'Downloads'),
    path.join(o.home, 'Desktop'),
    o.tmpdir,
    path.join(memory, INBOX_DIR_NAME),
    path.dirname(memory),
    ...(o.exportLocations ?? []).map((d) => expandHome(d, o.home)),
  ].map((d) => path.resolve(d));
}

/** The setting may say `~/Chats` (discovery reads it the same way). */
function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  return p.startsWith('~/') || p.startsWith('~\\') ? path.join(home, p.slice(2)) : p;
}

const KEEP_ORIGINALS = 'you chose to keep originals (archive by copy)';
const NOT_TXT = 'not named .txt as /export names its files';
const EXECUTABLE = 'an executable file (a script), not a saved conversation';
const NOT_DROP_ZONE =
  "not in a drop zone (Downloads, Desktop, the temp folder, the memory inbox or a repository's top folder)";
const NOT_EXPORT_START = 'does not begin like an /export (its first line is no banner or prompt)';

/**
 * Decide, for every imported export about to be archived, whether it may be moved. Only a real
 * export is: named `.txt`, not executable, in a drop zone, beginning like an export, and
 * neither tracked nor deliberately ignored by the git repository it sits in. Anything else is
 * archived by copy and its original left alone; so is everything when the user keeps
 * originals. Git is asked once or twice per repository, for all its files together.
 */
export async function decideDispositions(
  files: readonly string[],
  policy: ArchivePolicy,
): Promise<Map<string, Disposition>> {
  if (policy.mode === 'copy')
    return new Map(files.map((f) => [f, { action: 'copy', reason: KEEP_ORIGINALS }]));
  const zones = new Set(policy.dropZones.flatMap(bothForms));
  // Git first: "tracked by git" is the reason that matters most to the user, whatever else holds.
  const byGit = await gitDispositions(files);
  return new Map(
    files.map((f): [string, Disposition] => {
      const git = byGit.get(f) ?? { action: 'move' };
      if (git.action === 'copy') return [f, git];
      const reason = localReason(f, zones);
      return [f, reason ? { action: 'copy', reason } : { action: 'move' }];
    }),
  );
}

/** Why a file may not be moved, judged from the file itself and where it lies; null if it may. */
function localReason(file: string, zones: ReadonlySet<string>): string | null {
  if (path.extname(file).toLowerCase() !== '.txt') return NOT_TXT;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return null; // gone: the archive step says so
  }
  if (process.platform !== 'win32' && (st.mode & 0o111) !== 0) return EXECUTABLE;
  if (!inDropZone(file, zones)) return NOT_DROP_ZONE;
  return beginsLikeExport(readStart(file)) ? null : NOT_EXPORT_START;
}

function inDropZone(file: string, zones: ReadonlySet<string>): boolean {
  const dir = path.dirname(file);
  return bothForms(dir).some((d) => zones.has(d)) || readGitDirs(dir) !== null;
}

/** A folder as given and as resolved: the temp folder is often reached through a link (/var -> /private/var). */
function bothForms(dir: string): string[] {
  const resolved = path.resolve(dir);
  try {
    return [resolved, fs.realpathSync(resolved)];
  } catch {
    return [resolved];
  }
}

function readStart(file: string): Buffer {
  const buf = Buffer.alloc(4096);
  const fd = fs.openSync(file, 'r');
  try {
    return buf.subarray(0, fs.readSync(fd, buf, 0, buf.length, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** Tracked or deliberately ignored files stay; files outside any repository may move. */
async function gitDispositions(files: readonly string[]): Promise<Map<string, Disposition>> {
  const out = new Map<string, Disposition>();
  for (const [repo, members] of byRepository(files)) {
    if (repo === null) {
      members.forEach((f) => out.set(f, { action: 'move' }));
      continue;
    }
    const rel = members.map((f) => path.relative(repo, f).split(path.sep).join('/'));
    try {
      const v = await askGitAbout(repo, rel);
      members.forEach((f, i) => out.set(f, verdict(repo, rel[i]!, v)));
    } catch (err) {
      const reason = `git could not say whether ${repo} tracks it: ${(err as Error).message}`;
      members.forEach((f) => out.set(f, { action: 'copy', reason }));
    }
  }
  return out;
}

function verdict(repo: string, rel: string, v: Awaited<ReturnType<typeof askGitAbout>>): Disposition {
  if (v.tracked.has(rel)) return { action: 'copy', reason: `tracked by git in ${repo}` };
  if (v.ignored.has(rel)) return { action: 'copy', reason: `ignored by git on purpose in ${repo}` };
  return { action: 'move' };
}

/** Files grouped by the nearest folder at or above them with a `.git`; null for none. */
function byRepository(files: readonly string[]): Map<string | null, string[]> {
  const repoOf = new Map<string, string | null>();
  const groups = new Map<string | null, string[]>();
  for (const f of files) {
    const repo = nearestRepo(path.dirname(f), repoOf);
    groups.set(repo, [...(groups.get(repo) ?? []), f]);
  }
  return groups;
}

function nearestRepo(dir: string, memo: Map<string, string | null>): string | null {
  const known = memo.get(dir);
  if (known !== undefined) return known;
  const parent = path.dirname(dir);
  const repo = readGitDirs(dir) ? dir : parent === dir ? null : nearestRepo(parent, memo);
  memo.set(dir, repo);
  return repo;
}
