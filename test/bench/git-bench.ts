import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discoverRepos } from '../../src-main/core/git/discover-repos';
import { statusOfAll } from '../../src-main/core/git/repo-status';

/**
 * Git across many repositories, against the shell baselines on the same tree:
 * - discovery vs `find ROOT -name .git` (target: at most 2×);
 * - the status of every repository (parallel, bounded) vs a sequential shell loop of
 *   `git -C R status --porcelain=v2 --branch` over the same repositories (target: at most 1×).
 * Medians of a few warm runs, the loop and ours taking turns; nothing asserted (shared machines are noisy).
 */

const RUNS = 3;

export interface GitBench {
  discoveryMs: number;
  findMs: number;
  discoveryRatio: number;
  statusMs: number;
  loopMs: number;
  statusRatio: number;
  /** Every timed run, in order (the loop and `statusOfAll` take turns). */
  statusRuns: number[];
  loopRuns: number[];
  repos: number;
}

export async function benchGit(root: string, runs = RUNS): Promise<GitBench> {
  let found = await discoverRepos(root);
  await runFind(root);
  const findMs = median(await timeRuns(() => runFind(root), runs));
  const discoveryMs = median(
    await timeRuns(async () => {
      found = await discoverRepos(root);
    }, runs),
  );
  const dirs = found.repos.map((r) => r.dir);
  const status = async () => {
    const rows = await statusOfAll(found.repos);
    const bad = rows.find((r) => !r.status.ok);
    if (bad && !bad.status.ok) throw new Error(`status of ${bad.repo.dir} failed: ${bad.status.error}`);
  };
  // Warm both, then alternate them, so a machine that slows down mid-way slows both alike.
  await status();
  await runStatusLoop(dirs);
  const loopRuns: number[] = [];
  const statusRuns: number[] = [];
  for (let i = 0; i < runs; i++) {
    loopRuns.push(...(await timeRuns(() => runStatusLoop(dirs), 1)));
    statusRuns.push(...(await timeRuns(status, 1)));
  }
  const loopMs = median(loopRuns);
  const statusMs = median(statusRuns);
  return {
    discoveryMs,
    findMs,
    discoveryRatio: discoveryMs / findMs,
    statusMs,
    loopMs,
    statusRatio: statusMs / loopMs,
    statusRuns,
    loopRuns,
    repos: found.repos.length,
  };
}

async function timeRuns(run: () => Promise<void>, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function runFind(root: string): Promise<void> {
  return runShell('find', [root, '-name', '.git']);
}

/** The baseline a user would write: one `git status` after the other. */
function runStatusLoop(dirs: string[]): Promise<void> {
  const list = path.join(os.tmpdir(), `coditect-bench-repos-${process.pid}.txt`);
  fs.writeFileSync(list, dirs.join('\n') + '\n');
  const script =
    'while IFS= read -r R; do git -C "$R" status --porcelain=v2 --branch >/dev/null || exit 1; done < "$1"';
  return runShell('sh', ['-c', script, 'loop', list]).finally(() => fs.rmSync(list, { force: true }));
}

function runShell(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}`))));
  });
}

export interface GitTreeOptions {
  repos: number;
  /** How many of the repositories get a (checked-out) submodule. */
  withSubmodules: number;
  /** Files that are not git's own: tracked sources, ignored build output and node_modules, plain folders. */
  otherFiles: number;
}

/**
 * A projects root like a busy developer's: `repos` repositories of tracked sources (with
 * an ignored `node_modules` and `dist` each), some with a submodule, and plain folders of
 * files beside them. Identity and branch come from the environment so the machine's git
 * set-up does not matter.
 */
export function makeGitTree(
  dir: string,
  o: GitTreeOptions = { repos: 100, withSubmodules: 10, otherFiles: 200_000 },
): { root: string; files: number } {
  const root = path.join(dir, 'PROJECTS');
  const env = benchGitEnv(dir);
  const perRepo = Math.floor((o.otherFiles * 0.8) / o.repos);
  let files = 0;
  for (let r = 0; r < o.repos; r++) {
    const repo = path.join(root, `repo-${String(r).padStart(3, '0')}`);
    files += fillRepo(repo, perRepo, r);
    git(repo, ['init', '-q', '-b', 'main'], env);
    git(repo, ['add', '-A'], env);
    git(repo, ['commit', '-q', '-m', `initial ${r}`], env);
    if (r < o.withSubmodules) addBenchSubmodule(dir, repo, r, env);
    // A little work in progress, as there always is.
    fs.writeFileSync(path.join(repo, 'src', 'wip.ts'), 'export {};\n');
  }
  for (let f = 0; files < o.otherFiles; f++, files++)
    writeFile(path.join(root, 'archive', `batch-${Math.floor(f / 500)}`, `note-${f}.md`), `note ${f}\n`);
  return { root, files };
}

function fillRepo(repo: string, count: number, seed: number): number {
  const tracked = Math.floor(count * 0.75);
  let n = 0;
  for (; n < tracked; n++)
    writeFile(
      path.join(repo, 'src', `area-${n % 12}`, `mod-${Math.floor(n / 12) % 20}`, `file-${n}.ts`),
      `export const v${n} = ${seed};\n`,
    );
  for (; n < count; n++) {
    const where =
      n % 2
        ? path.join('node_modules', `pkg-${n % 40}`, `index-${n}.js`)
        : path.join('dist', `chunk-${n}.js`);
    writeFile(path.join(repo, where), `module.exports = ${n};\n`);
  }
  writeFile(path.join(repo, '.gitignore'), 'node_modules/\ndist/\n');
  return n;
}

function addBenchSubmodule(dir: string, repo: string, r: number, env: NodeJS.ProcessEnv): void {
  const src = path.join(dir, 'sources', `lib-${r}`);
  for (let f = 0; f < 50; f++)
    writeFile(path.join(src, 'lib', `part-${f}.ts`), `export const p${f} = ${r};\n`);
  git(src, ['init', '-q', '-b', 'main'], env);
  git(src, ['add', '-A'], env);
  git(src, ['commit', '-q', '-m', 'lib'], env);
  git(repo, ['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', src, 'vendor/lib'], env);
  git(repo, ['commit', '-q', '-m', 'add lib'], env);
}

function benchGitEnv(dir: string): NodeJS.ProcessEnv {
  const config = path.join(dir, 'bench-gitconfig');
  fs.writeFileSync(
    config,
    '[user]\n\tname = Bench\n\temail = bench@example.com\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n',
  );
  return { ...process.env, GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1' };
}

function git(cwd: string, args: string[], env: NodeJS.ProcessEnv): void {
  execFileSync('git', args, { cwd, env, stdio: ['ignore', 'ignore', 'inherit'] });
}

function writeFile(file: string, content: string): void {
  try {
    fs.writeFileSync(file, content);
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'git-bench-'));
  try {
    const t0 = Date.now();
    const tree = makeGitTree(dir);
    console.error(`tree: ${tree.files} files in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    console.log(JSON.stringify({ files: tree.files, ...(await benchGit(tree.root)) }, null, 2));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
