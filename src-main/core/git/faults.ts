/**
 * Everything that can stop the commit in one repository, each with what to do about it.
 * A fault stops that repository only; the others go on.
 */
export type FaultKind =
  | 'missing-repo'
  | 'index-locked'
  | 'no-identity'
  | 'detached-head'
  | 'conflicts'
  | 'operation-in-progress'
  | 'hook-failed'
  | 'not-staged'
  | 'left-behind'
  | 'no-remote'
  | 'push-rejected'
  | 'push-failed'
  | 'git-failed';

export interface GitFault {
  kind: FaultKind;
  /** The repository's working tree. */
  repo: string;
  /** What went wrong, naming the repository. */
  message: string;
  /** What the user can do, as a command where there is one. */
  fix: string;
  /** What git (or a hook) printed, when that is the explanation. */
  output?: string;
}

const RERUN = 'then run `coditect commit` (add --push to push) to finish';

export const fault = {
  missingRepo: (repo: string): GitFault => ({
    kind: 'missing-repo',
    repo,
    message: `${repo} is gone: the repository was deleted or moved while the run was going; nothing was committed there.`,
    fix: `restore it (or run again with the right --root); ${RERUN}`,
  }),
  indexLocked: (repo: string, lockFile: string, waitedMs: number): GitFault => ({
    kind: 'index-locked',
    repo,
    message: `${repo}: another git process holds ${lockFile} (waited ${Math.round(waitedMs / 100) / 10} s); nothing was committed there.`,
    fix: `let that git command finish; if none is running (a crashed one left the lock), delete ${lockFile}; ${RERUN}`,
  }),
  noIdentity: (repo: string): GitFault => ({
    kind: 'no-identity',
    repo,
    message: `${repo}: git does not know who you are (no user.name / user.email); nothing was committed there.`,
    fix: `git config --global user.name "Your Name" && git config --global user.email you@example.com (or, for this repository only, git -C "${repo}" config user.name … / user.email …); ${RERUN}`,
  }),
  detachedHead: (repo: string, oid: string): GitFault => ({
    kind: 'detached-head',
    repo,
    message: `${repo} is on a detached HEAD (${oid.slice(0, 12) || 'no branch'}): a commit here would belong to no branch; nothing was committed there.`,
    fix: `check out the branch it should go on: git -C "${repo}" switch <branch>; ${RERUN}`,
  }),
  conflicts: (repo: string, paths: string[]): GitFault => ({
    kind: 'conflicts',
    repo,
    message: `${repo} has unresolved conflicts (${preview(paths)}); nothing was committed there.`,
    fix: `resolve them and \`git add\` the results (or abort the operation that caused them); ${RERUN}`,
  }),
  operationInProgress: (repo: string, op: string): GitFault => ({
    kind: 'operation-in-progress',
    repo,
    message: `${repo}: a ${op} is in progress; committing now would mix the memory files into it, so nothing was committed there.`,
    fix: `finish it (git -C "${repo}" ${op} --continue) or abort it (git -C "${repo}" ${op === 'bisect' ? 'bisect reset' : `${op} --abort`}); ${RERUN}`,
  }),
  hookFailed: (repo: string, output: string): GitFault => ({
    kind: 'hook-failed',
    repo,
    message: `${repo}: a git hook (pre-commit or commit-msg) rejected the commit; nothing was committed there. Its output is below.`,
    fix: `fix what the hook reports (hooks are never bypassed); ${RERUN}`,
    output,
  }),
  notStaged: (repo: string, paths: string[]): GitFault => ({
    kind: 'not-staged',
    repo,
    message: `${repo}: after staging, git status still shows ${paths.length} memory path(s) unstaged (${preview(paths)}); nothing was committed there.`,
    fix: `check git -C "${repo}" status for what holds them (a .gitignore rule, a file being written); ${RERUN}`,
  }),
  leftBehind: (repo: string, hash: string, paths: string[]): GitFault => ({
    kind: 'left-behind',
    repo,
    message: `${repo}: commit ${hash.slice(0, 12)} was made, but git status still shows ${paths.length} memory path(s) uncommitted (${preview(paths)}).`,
    fix: `check git -C "${repo}" status (a hook that rewrote files?); ${RERUN}`,
  }),
  noRemote: (repo: string, branch: string, detail: string): GitFault => ({
    kind: 'no-remote',
    repo,
    message: `${repo}: cannot push ${branch}: ${detail}. The commit is made; it is only not pushed.`,
    fix: `add one and set the upstream: git -C "${repo}" remote add origin <url> && git -C "${repo}" push -u origin ${branch}; or run again with the upstream set`,
  }),
  pushRejected: (repo: string, target: string, output: string): GitFault => ({
    kind: 'push-rejected',
    repo,
    message: `${repo}: the push to ${target} was rejected (the remote has commits this branch lacks, or a remote hook refused). The commit is made; it is only not pushed. Never forced.`,
    fix: `git -C "${repo}" pull --rebase (or merge), then \`coditect commit --push\``,
    output,
  }),
  pushFailed: (repo: string, target: string, output: string): GitFault => ({
    kind: 'push-failed',
    repo,
    message: `${repo}: the push to ${target} failed. The commit is made; it is only not pushed.`,
    fix: `check the remote's address and your credentials (git -C "${repo}" push works by hand?), then \`coditect commit --push\``,
    output,
  }),
  gitFailed: (repo: string, action: string, output: string): GitFault => ({
    kind: 'git-failed',
    repo,
    message: `${repo}: git ${action} failed; nothing was committed there.`,
    fix: `see git's output below; ${RERUN}`,
    output,
  }),
};

function preview(paths: string[]): string {
  return paths.length <= 3
    ? paths.join(', ')
    : `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more`;
}

/** One paragraph for the terminal and the log. */
export function describeFault(f: GitFault): string {
  const out = f.output?.trim() ? `\n${indent(f.output.trim())}` : '';
  return `${f.message} Fix: ${f.fix}.${out}`;
}

function indent(text: string): string {
  const lines = text.split('\n');
  const shown = lines.length > 40 ? [...lines.slice(0, 40), `… ${lines.length - 40} more line(s)`] : lines;
  return shown.map((l) => `    | ${l}`).join('\n');
}
