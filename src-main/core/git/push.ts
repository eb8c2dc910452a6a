import { fault, type GitFault } from './faults';
import { GitCommandError, runGit } from './git-runner';

export type PushOutcome =
  | { status: 'not-requested' }
  | { status: 'nothing-to-push' }
  /** `--dry-run`: would push to `target`. */
  | { status: 'would-push'; target: string }
  | { status: 'pushed'; target: string; setUpstream: boolean }
  /** Not pushed because a submodule it records could not be pushed: the remote would point at a commit nobody can fetch. */
  | { status: 'held-back'; reason: string }
  | { status: 'failed'; fault: GitFault };

const PUSH_TIMEOUT_MS = 5 * 60_000;

/** Where `branch` goes: its upstream, else the only remote (or `origin`), creating the upstream. */
export type PushTarget = { remote: string; ref: string; setUpstream: boolean } | { problem: string };

export async function pushTarget(dir: string, branch: string): Promise<PushTarget> {
  const remote = await config(dir, `branch.${branch}.remote`);
  const merge = await config(dir, `branch.${branch}.merge`);
  if (remote && remote !== '.' && merge) return { remote, ref: merge, setUpstream: false };
  const remotes = (await runGit(dir, ['remote'], { readOnly: true })).split('\n').filter(Boolean);
  if (!remotes.length) return { problem: 'the repository has no remote' };
  const only = remotes.includes('origin') ? 'origin' : remotes.length === 1 ? remotes[0]! : null;
  if (!only) return { problem: `no upstream is set and there are several remotes (${remotes.join(', ')})` };
  return { remote: only, ref: `refs/heads/${branch}`, setUpstream: true };
}

/** Pushes `branch` (fast-forward only: never forced) and reads git's verdict per ref. */
export async function pushBranch(dir: string, branch: string): Promise<PushOutcome> {
  const t = await pushTarget(dir, branch);
  if ('problem' in t) return { status: 'failed', fault: fault.noRemote(dir, branch, t.problem) };
  const target = `${t.remote} ${t.ref.replace(/^refs\/heads\//, '')}`;
  const args = [
    'push',
    '--porcelain',
    ...(t.setUpstream ? ['--set-upstream'] : []),
    t.remote,
    `refs/heads/${branch}:${t.ref}`,
  ];
  try {
    await runGit(dir, args, { timeoutMs: PUSH_TIMEOUT_MS });
    return { status: 'pushed', target, setUpstream: t.setUpstream };
  } catch (err) {
    const output = err instanceof GitCommandError ? err.output : String(err);
    // Porcelain marks a refused ref with `!` (non-fast-forward, fetch first, remote hook declined).
    if (/^!\t/m.test(output) || /\[(remote )?rejected\]/.test(output))
      return { status: 'failed', fault: fault.pushRejected(dir, target, output) };
    return { status: 'failed', fault: fault.pushFailed(dir, target, output) };
  }
}

async function config(dir: string, key: string): Promise<string | null> {
  try {
    return (await runGit(dir, ['config', '--get', key], { readOnly: true })).trim() || null;
  } catch {
    return null; // exit 1: not set
  }
}
