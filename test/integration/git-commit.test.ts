import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGitStep } from '../../src-main/core/git/checkpoint-commit';
import { checkpointMessage } from '../../src-main/core/git/commit-message';
import { planAllChanges } from '../../src-main/core/git/plan-builders';
import { runCommitPlan } from '../../src-main/core/git/run-commit';
import type { GitStepInput } from '../../src-main/core/pipeline/git-seam';
import {
  addSubmodule,
  commitFile,
  filesIn,
  git,
  gitSandbox,
  head,
  initRepo,
  porcelain,
  recordingLog,
  removeSandbox,
  write,
  type GitSandbox,
} from '../helpers/git-repos';
import { CLI } from '../helpers/workspace';
import { spawnSync } from 'node:child_process';

let sb: GitSandbox;
beforeAll(() => {
  sb = gitSandbox();
});
afterAll(() => removeSandbox(sb));

interface Tree {
  root: string;
  master: string;
  mid: string;
  leaf: string;
  memory: string;
  remotes: { master: string; mid: string; leaf: string };
}

/**
 * PROJECTS/master (the memory repository) with a submodule `submodules/mid`, which has its
 * own submodule `deps/leaf`; each pushes to a bare repository. The leaf tracks an export
 * file that the run archives into master's MEMORY-CONTEXT.
 */
function makeTree(name: string): Tree {
  const base = path.join(sb.base, name);
  const root = path.join(base, 'PROJECTS');
  const remotes = {
    master: path.join(base, 'remotes', 'master.git'),
    mid: path.join(base, 'remotes', 'mid.git'),
    leaf: path.join(base, 'remotes', 'leaf.git'),
  };
  fs.mkdirSync(path.join(base, 'remotes'), { recursive: true });
  const leafSrc = initRepo(path.join(base, 'src', 'leaf'));
  commitFile(leafSrc, 'notes/old-export.txt', '> hello\n\n⏺ hi\n');
  git(base, ['clone', '-q', '--bare', leafSrc, remotes.leaf]);
  const midSrc = initRepo(path.join(base, 'src', 'mid'));
  addSubmodule(midSrc, remotes.leaf, 'deps/leaf');
  git(base, ['clone', '-q', '--bare', midSrc, remotes.mid]);
  const master = initRepo(path.join(root, 'master'));
  addSubmodule(master, remotes.mid, 'submodules/mid');
  git(master, ['submodule', 'update', '-q', '--init', '--recursive']);
  git(base, ['clone', '-q', '--bare', master, remotes.master]);
  git(master, ['remote', 'add', 'origin', remotes.master]);
  git(master, ['fetch', '-q', 'origin']);
  git(master, ['branch', '-q', '--set-upstream-to=origin/main', 'main']);
  const mid = path.join(master, 'submodules', 'mid');
  const leaf = path.join(mid, 'deps', 'leaf');
  // `submodule update` leaves submodules on a detached HEAD; people who commit there check out a branch.
  for (const r of [mid, leaf]) git(r, ['checkout', '-q', 'main']);
  return { root, master, mid, leaf, memory: path.join(master, 'MEMORY-CONTEXT'), remotes };
}

/** What an export-dedup run leaves behind: new memory files, an export moved out of the leaf. */
function simulateRun(t: Tree, id: string): string[] {
  const m = t.memory;
  const files = [
    write(
      path.join(m, 'checkpoints', `${id}-Fix-The-Thing.md`),
      `---\nid: ${id}\ntitle: "Fix the thing"\nmessages_read: 4\nnew_unique: 3\nduplicates: 1\n---\n# Fix the thing\n`,
    ),
    write(path.join(m, 'dedup_state', 'checkpoint_index.json'), `{"checkpoints": ["${id}"]}\n`),
    write(path.join(m, 'dedup_state', 'unique_messages.jsonl'), `{"id":"${id}"}\n`),
    write(path.join(m, 'MANIFEST.json'), `{"latest": "${id}"}\n`),
    write(path.join(m, '.gitignore'), '.local/\n'),
    // Memory format 2's two files written once (FORMAT.json, .gitattributes) are memory too.
    write(path.join(m, 'FORMAT.json'), '{"format":2}\n'),
    write(path.join(m, '.gitattributes'), '*.gz binary\n'),
    write(path.join(m, '.local', 'coditect.sqlite'), 'machine-local index'),
  ];
  const from = path.join(t.leaf, 'notes', 'old-export.txt');
  const to = path.join(m, 'exports-archive', 'old-export.txt');
  if (fs.existsSync(from)) {
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.renameSync(from, to);
  }
  return [...files, from, to, path.join(sb.base, 'Downloads', 'elsewhere-export.txt')];
}

function input(t: Tree, touchedPaths: string[], title = 'Fix the thing'): GitStepInput {
  return {
    projectsRoot: t.root,
    memoryDir: t.memory,
    touchedPaths,
    title,
    statsTrailer: 'read=4 new=3 duplicates=1',
  };
}

describe('the checkpoint commit (createGitStep)', () => {
  it('commits exactly the touched memory artifacts, submodules first so every gitlink moves, and pushes', async () => {
    const t = makeTree('full');
    // The user's own work in progress: must stay exactly as it is.
    write(path.join(t.master, 'user-notes.txt'), 'mine');
    git(t.master, ['add', 'user-notes.txt']);
    write(path.join(t.master, 'README.md'), 'edited, not staged\n');
    write(path.join(t.mid, 'scratch.txt'), 'untracked in the submodule');
    const touched = simulateRun(t, '2026-01-02T03-04-05Z');
    const log = recordingLog();

    const report = await createGitStep({ push: true, logger: log })(input(t, touched));

    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    // The leaf records the removal of the archived original; nothing else.
    expect(filesIn(t.leaf)).toEqual(['notes/old-export.txt']);
    expect(git(t.leaf, ['ls-files', 'notes'])).toBe('');
    // mid records the leaf's new commit, master records mid's and the memory files.
    expect(filesIn(t.mid)).toEqual(['deps/leaf']);
    expect(git(t.mid, ['ls-tree', 'HEAD', 'deps/leaf'])).toContain(head(t.leaf));
    expect(filesIn(t.master)).toEqual(
      [
        'MEMORY-CONTEXT/.gitattributes',
        'MEMORY-CONTEXT/.gitignore',
        'MEMORY-CONTEXT/FORMAT.json',
        'MEMORY-CONTEXT/MANIFEST.json',
        'MEMORY-CONTEXT/checkpoints/2026-01-02T03-04-05Z-Fix-The-Thing.md',
        'MEMORY-CONTEXT/dedup_state/checkpoint_index.json',
        'MEMORY-CONTEXT/dedup_state/unique_messages.jsonl',
        'MEMORY-CONTEXT/exports-archive/old-export.txt',
        'submodules/mid',
      ].sort(),
    );
    expect(git(t.master, ['ls-tree', 'HEAD', 'submodules/mid'])).toContain(head(t.mid));
    const stat = git(t.master, ['show', '--stat', 'HEAD']);
    expect(stat).toContain('MEMORY-CONTEXT/MANIFEST.json');
    expect(stat).toContain('submodules/mid');
    // Message: `checkpoint: <title>` and the trailer, in every repository.
    for (const r of [t.leaf, t.mid, t.master]) {
      const msg = git(r, ['log', '-1', '--format=%B']);
      expect(msg.split('\n')[0]).toBe('checkpoint: Fix the thing');
      expect(msg).toContain('Checkpoint-Stats: read=4 new=3 duplicates=1');
    }
    expect(git(t.master, ['log', '-1', '--format=%B'])).toContain('Submodules: submodules/mid');
    // Nothing missed: no memory path left pending, .local never committed.
    expect(porcelain(t.master, 'MEMORY-CONTEXT')).toEqual([]);
    expect(porcelain(t.leaf)).toEqual([]);
    expect(git(t.master, ['log', '--all', '--name-only', '--format='])).not.toContain('.local');
    // The user's staged file stays staged (not committed); the edit stays unstaged; the scratch file untracked.
    expect(porcelain(t.master, 'user-notes.txt', 'README.md')).toEqual([' M README.md', 'A  user-notes.txt']);
    expect(porcelain(t.mid)).toEqual(['?? scratch.txt']);
    // Pushed, every branch, to its remote.
    expect(git(t.master, ['--git-dir', t.remotes.master, 'rev-parse', 'main']).trim()).toBe(head(t.master));
    expect(git(t.master, ['--git-dir', t.remotes.mid, 'rev-parse', 'main']).trim()).toBe(head(t.mid));
    expect(git(t.master, ['--git-dir', t.remotes.leaf, 'rev-parse', 'main']).trim()).toBe(head(t.leaf));
    // Every git action logged under the `git` step.
    const msgs = log.records.filter((r) => r.step === 'git').map((r) => r.message);
    for (const r of [t.leaf, t.mid, t.master]) {
      expect(msgs.some((m) => m.startsWith('staged') && m.endsWith(r))).toBe(true);
      expect(msgs.some((m) => m.startsWith('committed') && m.includes(` in ${r}:`))).toBe(true);
      expect(msgs.some((m) => m.startsWith('pushed main of ' + r))).toBe(true);
    }
    expect(log.records.some((r) => r.level === 'error')).toBe(false);
  });

  it('commits nothing and changes nothing when nothing is pending', async () => {
    const t = makeTree('idle');
    const touched = simulateRun(t, '2026-01-02T03-04-05Z');
    const step = createGitStep({ push: false, logger: recordingLog() });
    await step(input(t, touched));
    const heads = [t.leaf, t.mid, t.master].map(head);
    const again = await step(input(t, touched));
    expect(again.ok).toBe(true);
    expect([t.leaf, t.mid, t.master].map(head)).toEqual(heads);
  });

  it('stops at a nested repository that is not a submodule: its parent records nothing for it', async () => {
    const t = makeTree('nested');
    const nested = initRepo(path.join(t.master, 'playground'));
    const file = write(path.join(nested, 'MEMORY-CONTEXT', 'MANIFEST.json'), '{}\n');
    const before = head(t.master);
    const report = await createGitStep({ push: false, logger: recordingLog() })(input(t, [file]));
    expect(report.ok).toBe(true);
    expect(filesIn(nested)).toEqual(['MEMORY-CONTEXT/MANIFEST.json']);
    expect(head(t.master)).toBe(before);
  });

  it('redacts secrets in memory files (the archived exports are raw) before they are staged', async () => {
    const t = makeTree('guard');
    const secret = `ghp_${'Z'.repeat(36)}`;
    const archived = write(
      path.join(t.memory, 'exports-archive', 'raw.txt'),
      `> use ${secret}\n\xa9 stray byte kept\n`,
    );
    const manifest = write(
      path.join(t.memory, 'MANIFEST.json'),
      `${JSON.stringify({ title: `set ${secret}`, n: 1 }, null, 2)}\n`,
    );
    const report = await createGitStep({ push: false, logger: recordingLog() })(
      input(t, [archived, manifest]),
    );
    expect(report.ok).toBe(true);
    expect(report.summary).toContain('2 secret(s) redacted');
    expect(git(t.master, ['log', '-p', '--all'])).not.toContain(secret);
    expect(JSON.parse(fs.readFileSync(manifest, 'utf8'))).toEqual({
      title: 'set [REDACTED:github-token]',
      n: 1,
    });
    const kept = path.join(t.memory, '.local', 'unredacted', 'exports-archive', 'raw.txt');
    expect(fs.readFileSync(kept, 'utf8')).toContain(secret);
  });
});

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: sb.home,
    env: sb.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('runCommitPlan over every repository', () => {
  it('leaves a clean submodule on a detached HEAD alone: only a repository with something to record must be on a branch', async () => {
    const t = makeTree('detached-clean');
    git(t.leaf, ['checkout', '-q', '--detach']);
    write(path.join(t.mid, 'notes.md'), 'work in mid');
    const plan = await planAllChanges(t.root, t.memory);
    const report = await runCommitPlan(plan, {
      message: checkpointMessage('everything'),
      push: false,
      log: recordingLog(),
    });
    expect(report.ok).toBe(true);
    expect(report.repos.find((r) => r.dir === t.leaf)).toMatchObject({ status: 'unchanged', branch: null });
    expect(filesIn(t.mid)).toEqual(['notes.md']);
    expect(git(t.master, ['ls-tree', 'HEAD', 'submodules/mid'])).toContain(head(t.mid));
  });
});

describe('coditect commit', () => {
  it('--dry-run prints the plan and changes nothing', () => {
    const t = makeTree('dry');
    simulateRun(t, '2026-02-02T00-00-00Z');
    const heads = [t.leaf, t.mid, t.master].map(head);
    const status = porcelain(t.master);
    const r = cli(['commit', '--root', t.root, '--memory', t.memory, '--dry-run', '--push']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dry run (nothing changed)');
    expect(r.stdout).toContain('MEMORY-CONTEXT/MANIFEST.json');
    expect(r.stdout).toContain('would push to origin refs/heads/main');
    expect([t.leaf, t.mid, t.master].map(head)).toEqual(heads);
    expect(porcelain(t.master)).toEqual(status);
    expect(fs.existsSync(path.join(t.memory, '.local', 'coditect.log'))).toBe(false);
  });

  it('commits the pending memory artifacts of the memory repository, named after the newest checkpoint', () => {
    const t = makeTree('standalone');
    simulateRun(t, '2026-02-02T00-00-00Z');
    const r = cli(['commit', '--root', t.root, '--memory', t.memory, '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    expect(git(t.master, ['log', '-1', '--format=%B'])).toMatch(
      /^checkpoint: Fix the thing\n\nCheckpoint-Stats: read=4 new=3 duplicates=1/,
    );
    expect(filesIn(t.master)).toContain('MEMORY-CONTEXT/exports-archive/old-export.txt');
    expect(porcelain(t.master, 'MEMORY-CONTEXT')).toEqual([]);
    // Without a run's list it does not know the leaf's removed original: that is --all-changes' job.
    expect(porcelain(t.leaf)).toEqual([' D notes/old-export.txt']);
    const log = fs.readFileSync(path.join(t.memory, '.local', 'coditect.log'), 'utf8');
    expect(log).toMatch(/\[git\] committed [0-9a-f]{12} on main in .*master: /);
  });

  it('before there is any memory directory: says so, and creates nothing', () => {
    const root = path.join(sb.base, 'fresh', 'PROJECTS');
    const repo = initRepo(path.join(root, 'project'));
    const r = cli(['commit', '--root', root]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No memory directory at');
    expect(fs.readdirSync(root)).toEqual(['project']);
    expect(porcelain(repo)).toEqual([]);
  });

  it('--message names the commit', () => {
    const t = makeTree('message');
    simulateRun(t, '2026-02-02T00-00-00Z');
    expect(cli(['commit', '--root', t.root, '--memory', t.memory, '--message', 'memory: nightly']).code).toBe(
      0,
    );
    expect(git(t.master, ['log', '-1', '--format=%s']).trim()).toBe('memory: nightly');
  });

  it('--all-changes prints the list, then commits every pending change everywhere, never .local/', () => {
    const t = makeTree('all');
    simulateRun(t, '2026-02-02T00-00-00Z');
    fs.rmSync(path.join(t.memory, '.gitignore')); // even without the ignore rule
    write(path.join(t.mid, 'notes.md'), 'work in mid');
    const nested = initRepo(path.join(t.root, 'tools', 'other'));
    write(path.join(nested, 'todo.txt'), 'x');
    const r = cli(['commit', '--root', t.root, '--memory', t.memory, '--all-changes']);
    expect(r.code).toBe(0);
    const planAt = r.stdout.indexOf('notes.md');
    const doneAt = r.stdout.indexOf('committed');
    expect(planAt).toBeGreaterThanOrEqual(0);
    expect(planAt).toBeLessThan(doneAt);
    for (const repo of [t.leaf, t.mid, t.master, nested])
      expect(porcelain(repo).filter((l) => !l.includes('.local'))).toEqual([]);
    expect(filesIn(t.leaf)).toEqual(['notes/old-export.txt']);
    expect(filesIn(t.mid)).toEqual(['deps/leaf', 'notes.md']);
    expect(filesIn(nested)).toEqual(['todo.txt']);
    expect(git(t.master, ['log', '--all', '--name-only', '--format='])).not.toContain('.local');
    expect(git(t.master, ['ls-tree', 'HEAD', 'submodules/mid'])).toContain(head(t.mid));
  });
});
