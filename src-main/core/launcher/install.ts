/**
 * Writes and removes the `coditect` launcher. Idempotent (writing the same script twice
 * changes nothing) and careful: it never overwrites or deletes a `coditect` it did not write,
 * such as the one `npm install -g` puts on the PATH.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PackagedCli } from './script';
import { isOnPath, LAUNCHER_MARKER, launcherDir, launcherFileName, launcherScript, pathNote } from './script';

export interface LauncherTarget {
  platform: NodeJS.Platform;
  home: string;
  env: Record<string, string | undefined>;
}

export interface LauncherResult {
  file: string;
  /** false when an identical launcher was already there. */
  changed: boolean;
  onPath: boolean;
  /** How to put the folder on PATH, when it is not. */
  note: string | null;
}

function canWrite(dir: string): boolean {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

export function launcherFile(target: LauncherTarget): string {
  const dir = launcherDir(target.platform, { home: target.home, env: target.env, canWrite });
  const p = target.platform === 'win32' ? path.win32 : path.posix;
  return p.join(dir, launcherFileName(target.platform));
}

function readIfExists(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function describe(target: LauncherTarget, file: string, changed: boolean): LauncherResult {
  const dir = (target.platform === 'win32' ? path.win32 : path.posix).dirname(file);
  const onPath = isOnPath(dir, target.env.PATH ?? target.env.Path, target.platform);
  return { file, changed, onPath, note: onPath ? null : pathNote(dir, target.platform) };
}

export function installLauncher(target: LauncherTarget, cli: PackagedCli): LauncherResult {
  const file = launcherFile(target);
  const script = launcherScript(target.platform, cli);
  const existing = readIfExists(file);
  if (existing === script) return describe(target, file, false);
  if (existing !== null && !existing.includes(LAUNCHER_MARKER)) {
    throw new Error(
      `${file} exists and was not written by CODITECT; remove it first to install the launcher`,
    );
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write beside, then rename: a half-written launcher is never run.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, script, { mode: 0o755 });
  fs.renameSync(temp, file);
  return describe(target, file, true);
}

/** Removes our launcher; false when there was none. Someone else's `coditect` is left alone. */
export function removeLauncher(target: LauncherTarget): boolean {
  const file = launcherFile(target);
  const existing = readIfExists(file);
  if (existing === null) return false;
  if (!existing.includes(LAUNCHER_MARKER)) {
    throw new Error(`${file} was not written by CODITECT; leaving it in place`);
  }
  fs.rmSync(file, { force: true });
  return true;
}

export function launcherInstalled(target: LauncherTarget): boolean {
  const existing = readIfExists(launcherFile(target));
  return existing !== null && existing.includes(LAUNCHER_MARKER);
}

export interface LauncherStatus {
  file: string;
  /** Our launcher is there. */
  installed: boolean;
  /** Some other `coditect` is there (npm's, the user's own): never touched. */
  foreign: boolean;
  onPath: boolean;
  note: string | null;
}

/** What Settings shows: is `coditect` ours, someone else's or missing, and is its folder on PATH. */
export function launcherStatus(target: LauncherTarget): LauncherStatus {
  const file = launcherFile(target);
  const existing = readIfExists(file);
  const { onPath, note } = describe(target, file, false);
  return {
    file,
    installed: existing !== null && existing.includes(LAUNCHER_MARKER),
    foreign: existing !== null && !existing.includes(LAUNCHER_MARKER),
    onPath,
    note,
  };
}
