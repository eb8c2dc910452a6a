import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SettingsSchema } from '../settings/settings';
import { writeFileAtomic } from '../workspace/atomic-write';
import { manifestPath, readManifest, sha256File, type ManifestEntry } from './manifest';

export interface RemovalReport {
  removed: string[];
  kept: { path: string; reason: string }[];
}

type Outcome = { removed: string } | { kept: string } | null;

/**
 * "Remove CODITECT set-up": undo the manifest's entries newest first. Only what set-up made
 * and nobody changed since goes; anything else is kept and named, so no user data is lost.
 */
export function removeSetup(configDir: string): RemovalReport {
  const report: RemovalReport = { removed: [], kept: [] };
  const entries = readManifest(configDir).entries;
  // The manifest goes first: the config dir it sits in may be one of the entries.
  fs.rmSync(manifestPath(configDir), { force: true });
  for (const e of [...entries].reverse()) {
    const o = undo(e);
    if (o && 'removed' in o) report.removed.push(o.removed);
    if (o && 'kept' in o) report.kept.push({ path: e.path, reason: o.kept });
  }
  return report;
}

function undo(e: ManifestEntry): Outcome {
  switch (e.kind) {
    case 'file':
      return undoFile(e.path, e.sha256);
    case 'dir':
      return undoDir(e.path);
    case 'git-repo':
      return undoGitRepo(e.path);
    case 'gitignore-lines':
      return undoGitignore(e);
    case 'settings-field':
      return undoSettings(e);
  }
}

function undoFile(file: string, sha256: string): Outcome {
  if (!fs.existsSync(file)) return null;
  if (sha256File(file) !== sha256) return { kept: 'changed since set-up wrote it' };
  fs.rmSync(file);
  return { removed: file };
}

function undoDir(dir: string): Outcome {
  if (!fs.existsSync(dir)) return null;
  if (fs.readdirSync(dir).length) return { kept: 'not empty: holds files set-up did not create' };
  fs.rmdirSync(dir);
  return { removed: dir };
}

// A repository set-up created is removed only while it has no commit and nothing staged:
// after that its history is the user's.
function undoGitRepo(dir: string): Outcome {
  const gitDir = path.join(dir, '.git');
  if (!fs.existsSync(gitDir)) return null;
  if (hasHead(dir) || fs.existsSync(path.join(gitDir, 'index')))
    return { kept: 'the repository has commits or staged files now' };
  fs.rmSync(gitDir, { recursive: true, force: true });
  return { removed: gitDir };
}

function hasHead(dir: string): boolean {
  try {
    execFileSync('git', ['-C', dir, 'rev-parse', '--verify', '--quiet', 'HEAD'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

// The comment line gitignore.ts writes above the entries it adds.
const GITIGNORE_COMMENT = /^# CODITECT: /;

function undoGitignore(e: Extract<ManifestEntry, { kind: 'gitignore-lines' }>): Outcome {
  if (!fs.existsSync(e.path)) return null;
  // A line still guarding something kept (.local/ with the index and the log in it) stays:
  // without it the user's next `git add -A` would commit the machine-local files.
  const needed = e.lines.filter((l) => guardsKeptFiles(path.dirname(e.path), l));
  const ours = new Set(e.lines.filter((l) => !needed.includes(l)));
  if (!ours.size) return { kept: `${needed.join(', ')} still keeps machine-local files out of git` };
  const kept = fs
    .readFileSync(e.path, 'utf8')
    .split(/\r?\n/)
    .filter(
      (l, i, all) =>
        !ours.has(l.trim()) && !(GITIGNORE_COMMENT.test(l) && ours.has((all[i + 1] ?? '').trim())),
    );
  const text = kept.join('\n');
  if (e.createdFile && !text.trim()) {
    fs.rmSync(e.path);
    return { removed: e.path };
  }
  writeFileAtomic(e.path, text.endsWith('\n') || !text ? text : text + '\n');
  return { removed: `${[...ours].join(', ')} from ${e.path}` };
}

/** The entry names a file, or a folder that is not empty (and so will not be removed). */
function guardsKeptFiles(dir: string, line: string): boolean {
  const target = path.join(dir, line.replace(/^\/+|\/+$/g, ''));
  try {
    return fs.statSync(target).isDirectory() ? fs.readdirSync(target).length > 0 : true;
  } catch {
    return false;
  }
}

function undoSettings(e: Extract<ManifestEntry, { kind: 'settings-field' }>): Outcome {
  if (!fs.existsSync(e.path)) return null;
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(fs.readFileSync(e.path, 'utf8')) as Record<string, unknown>;
  } catch {
    return { kept: 'not valid JSON any more; left as it is' };
  }
  if (raw[e.field] !== e.value) return { kept: `${e.field} was changed since set-up` };
  const untouched = JSON.stringify(raw) === JSON.stringify(SettingsSchema.parse({ [e.field]: e.value }));
  if (e.createdFile && untouched) {
    fs.rmSync(e.path);
    return { removed: e.path };
  }
  const { [e.field]: _ours, ...rest } = raw;
  writeFileAtomic(
    e.path,
    JSON.stringify(e.previous ? { ...rest, [e.field]: e.previous } : rest, null, 2) + '\n',
  );
  return { removed: `${e.field} from ${e.path}` };
}
