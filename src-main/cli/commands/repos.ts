import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { discoverRepos, type Repo } from '../../core/git/discover-repos';
import { statusOfAll, type RepoStatusResult } from '../../core/git/repo-status';
import { EXIT } from '../../core/pipeline/run-summary';
import { resolveContext } from '../cli-context';
import { table, UsageError, type Output } from '../output';

interface Flags {
  root?: string;
  json?: boolean;
}

export function registerRepos(program: Command, o: Output, setExit: (code: number) => void): void {
  program
    .command('repos')
    .description(
      'every git repository under the projects root (submodules, nested, worktrees) with its status; changes nothing',
    )
    .option('--root <dir>', 'projects root (default ~/PROJECTS or the settings)')
    .option('--json', 'print one JSON document')
    .action(async (flags: Flags) => setExit(await repos(flags, o)));
}

async function repos(flags: Flags, o: Output): Promise<number> {
  const ctx = resolveContext(flags);
  if (!fs.existsSync(ctx.root))
    throw new UsageError(`the projects root ${ctx.root} does not exist (pass --root DIR)`);
  const found = await discoverRepos(ctx.root);
  const rows = await statusOfAll(found.repos);
  if (flags.json)
    o.json({
      root: found.root,
      repos: rows.map(({ repo, status }) => ({ ...repo, status })),
      problems: found.problems,
    });
  else render(o, found.root, rows);
  // A repository whose status could not be read is a partial answer.
  return rows.every((r) => r.status.ok) ? EXIT.done : EXIT.partial;
}

function render(o: Output, root: string, rows: { repo: Repo; status: RepoStatusResult }[]): void {
  if (!rows.length) {
    o.out(`No git repositories under ${root}.`);
    return;
  }
  const head = [
    'REPOSITORY',
    'KIND',
    'BRANCH',
    'UPSTREAM',
    'STAGED',
    'MODIFIED',
    'UNTRACKED',
    'CONFLICTS',
    'IN PROGRESS',
    'LAST COMMIT',
  ];
  o.out(table([head, ...rows.map((r) => row(root, r.repo, r.status))]));
}

function row(root: string, repo: Repo, s: RepoStatusResult): string[] {
  const name = repo.relPath;
  const kind = kindLabel(root, repo);
  if (!s.ok) return [name, kind, `error: ${s.error.split('\n')[0]}`, '', '', '', '', '', '', ''];
  const branch = s.head.type === 'detached' ? `(detached ${s.head.oid.slice(0, 7)})` : s.head.name;
  const up = s.head.type === 'branch' && s.head.upstream ? upstreamLabel(s.head.upstream) : '-';
  const c = s.counts;
  const last = s.lastCommit
    ? `${s.lastCommit.hash.slice(0, 7)} ${s.lastCommit.time.slice(0, 10)} ${truncate(s.lastCommit.subject, 50)}`
    : '(no commits)';
  return [
    name,
    kind,
    branch,
    up,
    String(c.staged),
    String(c.modified),
    String(c.untracked),
    String(c.conflicted),
    s.operation ?? '-',
    last,
  ];
}

function upstreamLabel(u: { name: string; aheadBehind: { ahead: number; behind: number } | null }): string {
  return u.aheadBehind ? `${u.name} +${u.aheadBehind.ahead} -${u.aheadBehind.behind}` : `${u.name} (gone)`;
}

function kindLabel(root: string, r: Repo): string {
  const rel = (d: string) => path.relative(root, d) || '.';
  switch (r.kind) {
    case 'top-level':
      return 'top-level';
    case 'submodule':
      return `submodule of ${rel(r.parent)}${r.registered ? '' : ' (not in .gitmodules)'}`;
    case 'nested':
      return `nested in ${rel(r.enclosing)}`;
    case 'worktree':
      return `worktree of ${rel(r.of)}`;
  }
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
