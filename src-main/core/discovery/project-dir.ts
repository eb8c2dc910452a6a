/**
 * Claude Code names a transcript folder after the session's cwd with every character that
 * is not a letter or digit replaced by `-` (`/Users/demo/my_app` -> `-Users-demo-my-app`).
 * That is lossy: a `-` may have been `/`, `-`, `.`, `_` or a space. Decoding is therefore
 * best-effort, for display only; the transcript lines' own `cwd` is the truth.
 *
 * Without a probe the guess is: a leading `Users`/`home` takes the next word as the user
 * name; well-known container folders (`PROJECTS`, `src`, `submodules`, …) stand alone; any
 * other run of words is one folder name joined with `-`; an empty word (`--`) means the
 * next folder started with `.`. With `isDir`, existing folders on this machine win.
 */

const HOME_PARENTS: ReadonlySet<string> = new Set(['users', 'home']);

const CONTAINERS: ReadonlySet<string> = new Set(
  'projects src code repos repositories dev developer work workspace workspaces git github gitlab documents desktop downloads submodules sandbox tmp private var opt srv mnt volumes root'.split(
    ' ',
  ),
);

const WINDOWS_DRIVE = /^([A-Za-z])--(.*)$/s;

export function decodeProjectDir(name: string, isDir?: (p: string) => boolean): string {
  const drive = WINDOWS_DRIVE.exec(name);
  if (drive) return decodeWords(words(drive[2]), `${drive[1].toUpperCase()}:\\`, '\\', isDir);
  if (name.startsWith('-')) return decodeWords(words(name.slice(1)), '/', '/', isDir);
  return name; // not an encoded absolute path: leave it as it is
}

/** Split on `-`; an empty word marks a dot-folder, so it is glued to the next word. */
function words(rest: string): string[] {
  const out: string[] = [];
  let dot = false;
  for (const w of rest.split('-')) {
    if (w === '') dot = true;
    else {
      out.push(dot ? `.${w}` : w);
      dot = false;
    }
  }
  return out;
}

function decodeWords(ws: string[], prefix: string, sep: string, isDir?: (p: string) => boolean): string {
  const probed = isDir ? probe(ws, prefix, sep, isDir) : { parts: [], used: 0 };
  const parts = [...probed.parts, ...guess(ws.slice(probed.used), probed.used === 0)];
  return prefix + parts.join(sep);
}

/** Descend through folders that exist, trying the longest `-`-joined name first. */
function probe(ws: string[], prefix: string, sep: string, isDir: (p: string) => boolean) {
  const parts: string[] = [];
  let used = 0;
  while (used < ws.length) {
    const next = longestExisting(ws, used, prefix + [...parts, ''].join(sep), isDir);
    if (next === 0) break;
    parts.push(ws.slice(used, used + next).join('-'));
    used += next;
  }
  return { parts, used };
}

function longestExisting(ws: string[], from: number, base: string, isDir: (p: string) => boolean): number {
  for (let n = ws.length - from; n > 0; n--) {
    if (isDir(base + ws.slice(from, from + n).join('-'))) return n;
  }
  return 0;
}

/** The no-probe heuristic described at the top of the file. */
function guess(ws: string[], atRoot: boolean): string[] {
  const parts: string[] = [];
  let i = 0;
  if (atRoot && ws.length >= 2 && HOME_PARENTS.has(ws[0].toLowerCase())) {
    parts.push(ws[0], ws[1]);
    i = 2;
  }
  let run: string[] = [];
  for (; i < ws.length; i++) {
    const standalone = CONTAINERS.has(ws[i].toLowerCase()) || ws[i].startsWith('.');
    if (!standalone) {
      run.push(ws[i]);
      continue;
    }
    if (run.length) parts.push(run.join('-'));
    parts.push(ws[i]);
    run = [];
  }
  if (run.length) parts.push(run.join('-'));
  return parts;
}
