import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestTrackedMemory } from '../../src-main/core/memory/ingest-tracked';
import { MemoryStore } from '../../src-main/core/memory/store';
import { memoryLayout } from '../../src-main/core/workspace/memory-layout';
import { gitSandbox, removeSandbox, type GitSandbox } from '../helpers/git-repos';
import { makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

/**
 * Several machines share one memory through a bare `file://` remote, each importing different
 * and overlapping inputs. "Sync" is plain git (pull --rebase, push) and ingestTrackedMemory.
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

interface Machine {
  name: string;
  w: Workspace;
  clone: string;
  memory: string;
}

const INPUTS: Record<string, { exports: string[]; transcripts: boolean; author: string }> = {
  A: { exports: ['export-v1-macos.txt'], transcripts: true, author: 'Ann' },
  B: { exports: ['export-v2-linux-overlap.txt'], transcripts: true, author: 'Bob' },
  C: { exports: ['export-v1-macos.txt', 'export-cp1252-mojibake.txt'], transcripts: false, author: 'Cat' },
};

function gitIn(dir: string, args: string[]): { code: number | null; out: string } {
  const r = spawnSync('git', ['-C', dir, ...args], { env: sb.env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

function ok(dir: string, args: string[]): string {
  const r = gitIn(dir, args);
  expect(r.code, `git ${args.join(' ')} in ${dir}: ${r.out}`).toBe(0);
  return r.out;
}

function newRemote(): string {
  const remote = fs.mkdtempSync(path.join(sb.base, 'remote-'));
  ok(remote, ['init', '-q', '--bare']);
  return `file://${remote}`;
}

function machine(name: string, remote: string): Machine {
  const input = INPUTS[name]!;
  const w = makeWorkspace({ exports: input.exports, transcripts: input.transcripts });
  spaces.push(w);
  const clone = path.join(w.root, 'coditect-memory');
  ok(w.root, ['clone', '-q', remote, clone]);
  ok(clone, ['config', 'user.name', input.author]);
  ok(clone, ['config', 'user.email', `${input.author.toLowerCase()}@example.com`]);
  fs.mkdirSync(path.join(w.home, '.coditect'), { recursive: true });
  fs.writeFileSync(
    path.join(w.home, '.coditect', 'machine.json'),
    JSON.stringify({ name: `${name}-laptop` }),
  );
  return { name, w, clone, memory: path.join(clone, 'MEMORY-CONTEXT') };
}

function importOn(m: Machine, gitOn = true): void {
  const args = ['export-dedup', '--root', m.w.root, '--memory', m.memory, '--yes', '--json'];
  const r = runCli(m.w, gitOn ? args : [...args, '--no-git'], {
    GIT_CONFIG_GLOBAL: sb.globalConfig,
    GIT_CONFIG_NOSYSTEM: '1',
  });
  expect(r.code, r.stderr + r.stdout).toBe(0);
}

/** What `coditect sync` will do: pull (rebase), index what arrived, push. */
function syncOn(m: Machine): void {
  if (ok(m.clone, ['ls-remote', 'origin', 'main']).trim())
    ok(m.clone, ['pull', '-q', '--rebase', 'origin', 'main']);
  const store = MemoryStore.open(memoryLayout(m.memory).storeFile);
  try {
    const problems: string[] = [];
    ingestTrackedMemory(store, memoryLayout(m.memory), problems, m.w.home);
    expect(problems).toEqual([]);
  } finally {
    store.close();
  }
  if (gitIn(m.clone, ['rev-parse', '--verify', '-q', 'HEAD']).code === 0)
    ok(m.clone, ['push', '-q', 'origin', 'HEAD:main']);
}

function indexOf(m: Machine) {
  const d = new Database(memoryLayout(m.memory).storeFile, { readonly: true });
  try {
    return {
      unique: d.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number,
      hashes: d.prepare('SELECT hash FROM messages ORDER BY hash').pluck().all(),
      checkpoints: d
        .prepare('SELECT id, read_count, new_count, dup_count, author, machine FROM checkpoints ORDER BY id')
        .all(),
      sources: d.prepare('SELECT kind, name, sha256 FROM sources ORDER BY kind, name').all(),
    };
  } finally {
    d.close();
  }
}

/** One machine importing every input of the others: the count every clone must reach. */
function singleMachineUnique(): number {
  const w = makeWorkspace({
    exports: ['export-v1-macos.txt', 'export-v2-linux-overlap.txt', 'export-cp1252-mojibake.txt'],
    transcripts: true,
  });
  spaces.push(w);
  const r = runCli(w, ['export-dedup', '--root', w.root, '--yes', '--json', '--no-git']);
  expect(r.code, r.stderr).toBe(0);
  const d = new Database(path.join(w.memory, '.local', 'coditect.sqlite'), { readonly: true });
  const n = d.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number;
  d.close();
  return n;
}

type Step = `${'import' | 'sync'} ${'A' | 'B' | 'C'}`;

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

describe('one memory, three machines, one bare remote (real CLI, real git)', () => {
  let expected: number;
  beforeAll(() => {
    expected = singleMachineUnique();
  });

  it.each(Object.keys(ORDERS))(
    'syncing in the order %s: no conflict, one index, the counts of one machine',
    (order) => {
      const remote = newRemote();
      const machines = Object.fromEntries(['A', 'B', 'C'].map((n) => [n, machine(n, remote)])) as Record<
        string,
        Machine
      >;
      for (const step of ORDERS[order]!) {
        const [what, who] = step.split(' ') as ['import' | 'sync', string];
        if (what === 'import') importOn(machines[who]!);
        else syncOn(machines[who]!);
      }
      const all = Object.values(machines);
      const indexes = all.map(indexOf);
      for (const ix of indexes) {
        expect(ix.unique).toBe(expected);
        expect(ix).toEqual(indexes[0]);
      }
      // The derived combined index (untracked) is the same file on every machine but for its time.
      const derived = all.map((m) => ({
        ...JSON.parse(fs.readFileSync(memoryLayout(m.memory).checkpointIndexFile, 'utf8')),
        updated_at: null,
      }));
      for (const d of derived) expect(d).toEqual(derived[0]);
      expect(indexes[0]!.checkpoints.map((c) => (c as { machine: string }).machine).sort()).toEqual([
        'A-laptop',
        'B-laptop',
        'C-laptop',
      ]);
      for (const m of all) {
        expect(ok(m.clone, ['status', '--porcelain']).trim()).toBe('');
        expect(ok(m.clone, ['rev-parse', 'HEAD'])).toBe(ok(all[0]!.clone, ['rev-parse', 'HEAD']));
      }
      // A fresh clone, reindexed, is the same index again.
      const fresh = machine('A', remote);
      const r = runCli(fresh.w, ['reindex', '--root', fresh.w.root, '--memory', fresh.memory, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const again = indexOf(fresh);
      expect(again.unique).toBe(expected);
      expect(again.hashes).toEqual(indexes[0]!.hashes);
      expect(again.checkpoints).toEqual(indexes[0]!.checkpoints);
    },
  );

  it('filters by author and machine find only what that teammate imported', () => {
    const remote = newRemote();
    const a = machine('A', remote);
    const c = machine('C', remote);
    importOn(a);
    syncOn(a);
    importOn(c);
    syncOn(c);
    const run = (args: string[]) => {
      const r = runCli(c.w, [...args, '--root', c.w.root, '--memory', c.memory, '--json']);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const byAnn = run(['checkpoints', 'list', '--author', 'ann@example.com']) as {
      author: string;
      machine: string;
    }[];
    expect(byAnn).toHaveLength(1);
    expect(byAnn[0]).toMatchObject({ author: 'Ann <ann@example.com>', machine: 'A-laptop' });
    expect(run(['checkpoints', 'list', '--machine', 'C-laptop'])).toHaveLength(1);
    // The mojibake export was imported by Cat alone; transcripts by Ann alone.
    const transcriptHits = (q: string, who: string[]) =>
      run(['search', q, '--limit', '50', ...who]).hits.length;
    expect(transcriptHits('Question', [])).toBeGreaterThan(0);
    expect(transcriptHits('Question', ['--author', 'Ann'])).toBeGreaterThan(0);
    expect(transcriptHits('Question', ['--author', 'Cat', '--source', 'transcript'])).toBe(0);
    expect(transcriptHits('Question', ['--machine', 'C-laptop', '--source', 'transcript'])).toBe(0);
  });
});
