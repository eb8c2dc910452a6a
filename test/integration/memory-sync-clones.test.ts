import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryLayout } from '../../src-main/core/workspace/memory-layout';
import {
  bareRemoteFor,
  git,
  gitSandbox,
  head,
  initRepo,
  removeSandbox,
  type GitSandbox,
} from '../helpers/git-repos';
import {
  FIXTURES,
  makeWorkspace,
  placeFile,
  rmWorkspace,
  runCli,
  type Workspace,
} from '../helpers/workspace';

/**
 * Three machines share one memory through a bare `file://` remote, each importing different and
 * overlapping inputs, and sync with the real `coditect sync --push` in every order: no sync
 * meets a conflict, every machine ends with the same index, and the counts are those of one
 * machine that imported everything.
 */
let sb: GitSandbox;
const spaces: Workspace[] = [];
beforeAll(() => {
  sb = gitSandbox();
});
afterAll(() => {
  spaces.forEach(rmWorkspace);
  removeSandbox(sb);
});

const INPUTS = {
  A: { exports: ['export-v1-macos.txt'], transcripts: true, author: 'Ann' },
  B: { exports: ['export-v2-linux-overlap.txt'], transcripts: true, author: 'Bob' },
  C: { exports: ['export-v1-macos.txt', 'export-cp1252-mojibake.txt'], transcripts: false, author: 'Cat' },
} as const;
type Name = keyof typeof INPUTS;

/** Words that occur across the inputs: each machine's search must find what one machine finds. */
const QUERIES = ['the', 'license', 'Question', 'test'];

interface Machine {
  w: Workspace;
  cli: (args: string[]) => { code: number | null; stdout: string; stderr: string };
}

function newRemote(): string {
  const seed = initRepo(fs.mkdtempSync(path.join(sb.base, 'seed-')));
  return bareRemoteFor(seed, `${seed}.git`);
}

/** A machine: its own HOME, the memory repository cloned from the remote, its git identity and name. */
function machine(name: Name, bare: string): Machine {
  const input = INPUTS[name];
  const w = makeWorkspace({ exports: [], transcripts: input.transcripts });
  spaces.push(w);
  fs.rmSync(w.master, { recursive: true, force: true });
  git(w.root, ['clone', '-q', `file://${bare}`, w.master], sb.env);
  git(w.master, ['config', 'user.name', input.author], sb.env);
  git(w.master, ['config', 'user.email', `${input.author.toLowerCase()}@example.com`], sb.env);
  fs.mkdirSync(w.memory, { recursive: true });
  for (const file of input.exports) placeFile(path.join(FIXTURES, file), path.join(w.downloads, file));
  fs.mkdirSync(path.join(w.home, '.coditect'), { recursive: true });
  fs.writeFileSync(
    path.join(w.home, '.coditect', 'machine.json'),
    JSON.stringify({ name: `${name}-laptop` }),
  );
  const env = { GIT_CONFIG_GLOBAL: sb.globalConfig, GIT_CONFIG_NOSYSTEM: '1' };
  return { w, cli: (args) => runCli(w, [...args, '--root', w.root], env) };
}

function importOn(m: Machine): void {
  const r = m.cli(['export-dedup', '--yes', '--json']);
  expect(r.code, r.stderr + r.stdout).toBe(0);
  expect(JSON.parse(r.stdout).git.ok, r.stdout).toBe(true);
}

function syncOn(m: Machine): void {
  const r = m.cli(['sync', '--push', '--json']);
  const report = JSON.parse(r.stdout) as { ok: boolean; problem: unknown; ahead: number };
  expect(report.problem, r.stdout).toBeNull();
  expect(r.code, r.stdout + r.stderr).toBe(0);
  expect(report).toMatchObject({ ok: true, ahead: 0 });
}

const json = <T>(m: Machine, args: string[]): T => {
  const r = m.cli([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
};

/** What a user can see of the memory: counts, and the same hits for the same words. */
function viewOf(m: Machine) {
  const d = new Database(memoryLayout(m.w.memory).storeFile, { readonly: true });
  const unique = d.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number;
  d.close();
  const hits = Object.fromEntries(
    QUERIES.map((q) => [
      q,
      json<{ hits: { hash: string }[] }>(m, ['search', q, '--limit', '200'])
        .hits.map((h) => h.hash)
        .sort(),
    ]),
  );
  return { unique, hits };
}

/** The derived combined index (untracked, .local/): the same file on every machine but for its time. */
function derivedIndex(m: Machine): unknown {
  const file = memoryLayout(m.w.memory).checkpointIndexFile;
  return { ...(JSON.parse(fs.readFileSync(file, 'utf8')) as object), updated_at: null };
}

type Step = `${'import' | 'sync'} ${Name}`;
const ORDERS: Record<string, Step[]> = {
  'A-B-C': ['import A', 'import B', 'import C', 'sync A', 'sync B', 'sync C', 'sync A', 'sync B'],
  'C-B-A': ['import A', 'import B', 'import C', 'sync C', 'sync B', 'sync A', 'sync C', 'sync B'],
  interleaved: [
    'import A',
    'sync A',
    'import B',
    'sync C',
    'import C',
    'sync B',
    'sync C',
    'sync A',
    'sync B',
  ],
};

describe('coditect sync --push between three clones of one bare remote', () => {
  let single: ReturnType<typeof viewOf>;
  beforeAll(() => {
    // One machine importing every input of the three.
    const w = makeWorkspace({ exports: [], transcripts: true });
    spaces.push(w);
    for (const file of new Set(Object.values(INPUTS).flatMap((i) => i.exports)))
      placeFile(path.join(FIXTURES, file), path.join(w.downloads, file));
    const one: Machine = { w, cli: (args) => runCli(w, [...args, '--root', w.root]) };
    const r = one.cli(['export-dedup', '--yes', '--json', '--no-git']);
    expect(r.code, r.stderr).toBe(0);
    single = viewOf(one);
    for (const q of QUERIES) expect(single.hits[q]!.length, q).toBeGreaterThan(0);
  });

  it.each(Object.keys(ORDERS))(
    'in the order %s: no conflict, identical index files, the counts of one machine importing everything',
    (order) => {
      const bare = newRemote();
      const machines = { A: machine('A', bare), B: machine('B', bare), C: machine('C', bare) };
      for (const step of ORDERS[order]!) {
        const [what, who] = step.split(' ') as ['import' | 'sync', Name];
        if (what === 'import') importOn(machines[who]);
        else syncOn(machines[who]);
      }
      const all = Object.values(machines);
      // One history everywhere (on the remote too), nothing left uncommitted or in conflict.
      for (const m of all) {
        expect(head(m.w.master)).toBe(head(all[0]!.w.master));
        expect(git(m.w.master, ['status', '--porcelain'], sb.env).trim()).toBe('');
      }
      expect(git(bare, ['rev-parse', 'main'], sb.env).trim()).toBe(head(all[0]!.w.master));
      const lists = all.map((m) =>
        json<{ id: string; author: string; machine: string; new_count: number }[]>(m, ['checkpoints', 'list'])
          .map((c) => ({ id: c.id, author: c.author, machine: c.machine }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      );
      expect(lists[0]!.map((c) => c.machine).sort()).toEqual(['A-laptop', 'B-laptop', 'C-laptop']);
      for (const l of lists) expect(l).toEqual(lists[0]);
      const derived = all.map(derivedIndex);
      for (const d of derived) expect(d).toEqual(derived[0]);
      for (const m of all) expect(viewOf(m)).toEqual(single);
    },
    // Nine real syncs and three imports, each a child process: minutes on a busy machine.
    300_000,
  );
});
