import fs from 'node:fs';
import path from 'node:path';
import type { PlannedRepo } from './commit-plan';
import { fault, type GitFault } from './faults';
import { GitCommandError, MissingDirectoryError, runGit } from './git-runner';
import { indexLockFile, isIndexLockError } from './index-lock';
import { isIdentityError } from './repo-checks';

/**
 * What a failed git action in a repository means for the user: the repository went away,
 * another git holds the index, git does not know who they are, a hook said no, or else
 * git's own words.
 */
export function faultOf(repo: PlannedRepo, action: string, err: unknown): GitFault {
  if (err instanceof MissingDirectoryError || !fs.existsSync(repo.dir) || !fs.existsSync(repo.gitDir))
    return fault.missingRepo(repo.dir);
  const output = err instanceof GitCommandError ? err.output : String((err as Error)?.message ?? err);
  if (isIndexLockError(output)) return fault.indexLocked(repo.dir, indexLockFile(repo.gitDir), 0);
  if (isIdentityError(output)) return fault.noIdentity(repo.dir);
  return fault.gitFailed(repo.dir, action, output);
}

/** A commit that failed for no reason git names, in a repository with a commit hook: the hook said no. */
export async function commitFault(repo: PlannedRepo, action: string, err: unknown): Promise<GitFault> {
  const f = faultOf(repo, action, err);
  if (action !== 'commit' || f.kind !== 'git-failed' || !(await hasCommitHook(repo.dir))) return f;
  return fault.hookFailed(repo.dir, f.output ?? '');
}

async function hasCommitHook(dir: string): Promise<boolean> {
  try {
    const hooks = path.resolve(
      dir,
      (await runGit(dir, ['rev-parse', '--git-path', 'hooks'], { readOnly: true })).trim(),
    );
    return ['pre-commit', 'prepare-commit-msg', 'commit-msg'].some((h) => isExecutable(path.join(hooks, h)));
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
