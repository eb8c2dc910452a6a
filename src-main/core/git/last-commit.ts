import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { runGit } from './git-runner';

export interface LastCommit {
  hash: string;
  subject: string;
  /** ISO 8601, the committer time. */
  time: string;
}

/**
 * The commit HEAD points at. `git status` already told us its hash; a fresh commit is
 * almost always a loose object, which is read here directly (inflate, parse) instead of
 * spawning a second git per repository. Packed objects fall back to `git log -1`.
 */
export async function lastCommit(dir: string, commonDir: string, hash: string): Promise<LastCommit> {
  return (await readLooseCommit(commonDir, hash)) ?? (await viaGitLog(dir));
}

/** The commit `hash` when it is a loose object; null when it is packed (or unreadable). */
export async function readLooseCommit(commonDir: string, hash: string): Promise<LastCommit | null> {
  try {
    const raw = await fs.promises.readFile(path.join(commonDir, 'objects', hash.slice(0, 2), hash.slice(2)));
    return parseCommitObject(hash, zlib.inflateSync(raw).toString('utf8'));
  } catch {
    return null;
  }
}

/** `commit <size>\0<headers>\n\n<message>`; null for anything else. */
export function parseCommitObject(hash: string, text: string): LastCommit | null {
  const nul = text.indexOf('\0');
  if (!text.startsWith('commit ') || nul < 0) return null;
  const body = text.slice(nul + 1);
  const split = body.indexOf('\n\n');
  const headers = split < 0 ? body : body.slice(0, split);
  const committer = /^committer .* (\d+) ([+-]\d{4})$/m.exec(headers);
  if (!committer) return null;
  const message = split < 0 ? '' : body.slice(split + 2);
  // Like %s: the first paragraph, lines joined.
  const subject = message
    .split(/\n\s*\n/)[0]!
    .trim()
    .replace(/\s*\n\s*/g, ' ');
  return { hash, subject, time: new Date(Number(committer[1]) * 1000).toISOString() };
}

/** What `git log` is asked for the last commit when it is packed. */
export const LAST_COMMIT_LOG_ARGS = ['log', '-1', '--no-show-signature', '--format=%H%x00%ct%x00%s'];

async function viaGitLog(dir: string): Promise<LastCommit> {
  return parseLastCommitLog(await runGit(dir, LAST_COMMIT_LOG_ARGS, { readOnly: true }));
}

export function parseLastCommitLog(out: string): LastCommit {
  const [hash = '', ct = '0', subject = ''] = out.replace(/\n$/, '').split('\0');
  return { hash, subject, time: new Date(Number(ct) * 1000).toISOString() };
}
