import fs from 'node:fs';
import { fault, type GitFault } from './faults';
import { GitCommandError, runGit } from './git-runner';
import { INDEX_LOCK_WAIT_MS, indexLockFile, waitForIndexLock } from './index-lock';
import { operationInProgress } from './operation';
import type { Upstream } from './porcelain-v2';
import { readStatus } from './repo-status';

/** A repository fit to commit in: on a branch, nothing half-done, an identity to sign with. */
export interface ReadyRepo {
  branch: string;
  /** null on an unborn branch. */
  oid: string | null;
  upstream: Upstream | null;
}

export type Readiness = { ok: true; ready: ReadyRepo } | { ok: false; fault: GitFault };

/**
 * Every check that can be made before anything is written, so a repository that cannot
 * take the commit is left exactly as it was. Cheapest first.
 */
export async function checkReady(
  repo: { dir: string; gitDir: string },
  lockWaitMs = INDEX_LOCK_WAIT_MS,
): Promise<Readiness> {
  const { dir, gitDir } = repo;
  if (!fs.existsSync(dir) || !fs.existsSync(gitDir)) return no(fault.missingRepo(dir));
  if (!(await waitForIndexLock(gitDir, lockWaitMs)))
    return no(fault.indexLocked(dir, indexLockFile(gitDir), lockWaitMs));
  const op = operationInProgress(gitDir);
  if (op) return no(fault.operationInProgress(dir, op));
  const { head, entries } = await readStatus(dir, { untracked: 'no' });
  const unmerged = entries.filter((e) => e.kind === 'unmerged').map((e) => e.path);
  if (unmerged.length) return no(fault.conflicts(dir, unmerged));
  if (head.type === 'detached') return no(fault.detachedHead(dir, head.oid));
  if (!(await hasIdentity(dir))) return no(fault.noIdentity(dir));
  return { ok: true, ready: { branch: head.name, oid: head.oid, upstream: head.upstream } };
}

function no(f: GitFault): Readiness {
  return { ok: false, fault: f };
}

/**
 * Name and email from config or GIT_AUTHOR_* / GIT_COMMITTER_*; never guessed from the host
 * name (`root@machine.(none)` in someone's history is worse than a clear stop).
 */
async function hasIdentity(dir: string): Promise<boolean> {
  try {
    for (const v of ['GIT_AUTHOR_IDENT', 'GIT_COMMITTER_IDENT']) {
      await runGit(dir, ['-c', 'user.useConfigOnly=true', 'var', v], { readOnly: true });
    }
    return true;
  } catch (err) {
    if (err instanceof GitCommandError && isIdentityError(err.output)) return false;
    throw err;
  }
}

export function isIdentityError(text: string): boolean {
  return /Please tell me who you are|unable to auto-detect email|no email was given|no name was given|empty ident name/i.test(
    text,
  );
}
