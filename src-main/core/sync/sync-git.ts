import { GitCommandError, runGit } from '../git/git-runner';

/** The git commands a sync runs beyond committing and pushing (which reuse core/git). */

const FETCH_TIMEOUT_MS = 2 * 60_000;

/** `origin` + `refs/heads/main` → `refs/remotes/origin/main`, the ref a fetch updates. */
export function trackingRef(remote: string, ref: string): string {
  return `refs/remotes/${remote}/${ref.replace(/^refs\/heads\//, '')}`;
}

export async function fetchRemote(
  dir: string,
  remote: string,
): Promise<{ ok: true } | { ok: false; output: string }> {
  try {
    await runGit(dir, ['fetch', '--quiet', '--no-recurse-submodules', remote], {
      timeoutMs: FETCH_TIMEOUT_MS,
    });
    return { ok: true };
  } catch (err) {
    return { ok: false, output: outputOf(err) };
  }
}

export async function refExists(dir: string, ref: string): Promise<boolean> {
  try {
    await runGit(dir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { readOnly: true });
    return true;
  } catch {
    return false;
  }
}

/** Commits in `to` that `from` lacks (`from..to`); `from` null: every commit of `to`. */
export async function countCommits(dir: string, from: string | null, to: string): Promise<number> {
  const range = from ? `${from}..${to}` : to;
  return Number((await runGit(dir, ['rev-list', '--count', range], { readOnly: true })).trim()) || 0;
}

export async function headOid(dir: string): Promise<string | null> {
  try {
    return (await runGit(dir, ['rev-parse', '--verify', '--quiet', 'HEAD'], { readOnly: true })).trim();
  } catch {
    return null;
  }
}

/**
 * Replays this machine's unpushed commits on top of what arrived. Only commits the remote
 * does not have are rewritten (never published history); on a conflict the rebase is undone
 * and the branch is exactly as before.
 */
export async function rebaseOnto(
  dir: string,
  upstream: string,
): Promise<{ ok: true } | { ok: false; output: string }> {
  try {
    await runGit(dir, [
      '-c',
      'rebase.autoStash=false',
      '-c',
      'rebase.updateRefs=false',
      'rebase',
      '--quiet',
      upstream,
    ]);
    return { ok: true };
  } catch (err) {
    await abortRebase(dir);
    return { ok: false, output: outputOf(err) };
  }
}

export async function abortRebase(dir: string): Promise<void> {
  try {
    await runGit(dir, ['rebase', '--abort']);
  } catch {
    // No rebase to abort (it failed before starting): the branch was never moved.
  }
}

function outputOf(err: unknown): string {
  return err instanceof GitCommandError ? err.output : String(err);
}
