/**
 * Sync between machines, against git on the same commits in the same run:
 * - `syncMemory` (fetch, rebase, index what arrived) of N checkpoints made elsewhere into a
 *   memory that has N of its own, vs `git pull --rebase` of the same commits into a copy of the
 *   same repository (target: at most 3×);
 * - the incremental index update (ingestTrackedMemory of the N that arrived, into an index that
 *   has the N of its own) vs a full `reindex` of the 2N (target: at most 0.2×).
 * The checkpoints are written in format 2 directly (one folder and one commit each), small
 * conversations with some messages both machines saw. Nothing asserted: figures and targets.
 *
 * Alone: `npx tsx test/bench/sync-bench.ts [N]` (default 50).
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  CHECKPOINT_FILE,
  MEMORY_FORMAT,
  partName,
  type MessageLine,
  type TrackedCheckpoint,
  type TrackedOccurrence,
} from '../../src-main/core/checkpoint/tracked-format';
import { ingestTrackedMemory } from '../../src-main/core/memory/ingest-tracked';
import { reindex } from '../../src-main/core/memory/reindex';
import { MemoryStore } from '../../src-main/core/memory/store';
import { syncMemory } from '../../src-main/core/sync/memory-sync';
import { memoryLayout } from '../../src-main/core/workspace/memory-layout';
import { recordingLog } from '../helpers/git-repos';

/** Messages per checkpoint, of which SHARED are the same on both machines (dedup across them). */
const MESSAGES = 20;
const SHARED = 4;

export interface SyncBench {
  checkpoints: number;
  syncMs: number;
  pullMs: number;
  syncRatio: number;
  ingestMs: number;
  reindexMs: number;
  ingestRatio: number;
  arrived: number;
  uniqueAfter: number;
  /** A usual sync: a few checkpoints (N/20) arriving into the 2N, against a reindex of them all. */
  few: { arrived: number; ingestMs: number; reindexMs: number; ratio: number };
}

interface Machine {
  root: string;
  repo: string;
  memory: string;
}

export async function benchSync(base: string, n: number): Promise<SyncBench> {
  const env = gitEnv(base);
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const bare = seedRemote(base, git);
  const clone = (name: string): Machine => {
    const root = path.join(base, name, 'PROJECTS');
    fs.mkdirSync(root, { recursive: true });
    const repo = path.join(root, 'coditect-memory');
    git(root, 'clone', '-q', `file://${bare}`, repo);
    git(repo, 'config', 'user.name', name);
    git(repo, 'config', 'user.email', `${name}@example.com`);
    return { root, repo, memory: path.join(repo, 'MEMORY-CONTEXT') };
  };
  const elsewhere = clone('elsewhere');
  const here = clone('here');
  writeCheckpoints(elsewhere, 'e1e1e1', n, git);
  git(elsewhere.repo, 'push', '-q', 'origin', 'main');
  writeCheckpoints(here, 'a0a0a0', n, git);
  indexAll(here.memory);
  // The baseline starts from the very same state: a copy of this machine, index and all.
  const copy: Machine = { ...here, root: path.join(base, 'copy', 'PROJECTS') };
  fs.mkdirSync(path.dirname(copy.root), { recursive: true });
  execFileSync('cp', ['-a', here.root, copy.root]);
  copy.repo = path.join(copy.root, 'coditect-memory');
  copy.memory = path.join(copy.repo, 'MEMORY-CONTEXT');
  execFileSync('sync');

  const pullMs = time(() => git(copy.repo, 'pull', '-q', '--rebase', 'origin', 'main'));
  let arrived = 0;
  const syncMs = await timeAsync(async () => {
    const r = await syncMemory({ root: here.root, memoryDir: here.memory, push: false, log: recordingLog() });
    if (!r.ok) throw new Error(`sync failed: ${r.summary}`);
    arrived = r.ingested?.checkpointsAdded ?? 0;
  });

  // The copy pulled the files only: its index has its own N, and learns the N that arrived.
  const layout = memoryLayout(copy.memory);
  const ingestMs = time(() => {
    const store = MemoryStore.open(layout.storeFile);
    try {
      const problems: string[] = [];
      ingestTrackedMemory(store, layout, problems);
      if (problems.length) throw new Error(problems.join('\n'));
    } finally {
      store.close();
    }
  });
  let uniqueAfter = 0;
  const reindexMs = await timeAsync(async () => {
    const r = await reindex(layout);
    if (r.problems.length) throw new Error(r.problems.join('\n'));
    uniqueAfter = r.messages;
  });
  const few = await fewArrive(copy, Math.max(1, Math.round(n / 20)), n);
  return {
    few,
    checkpoints: n,
    syncMs,
    pullMs,
    syncRatio: syncMs / pullMs,
    ingestMs,
    reindexMs,
    ingestRatio: ingestMs / reindexMs,
    arrived,
    uniqueAfter,
  };
}

/** No identity or hooks from the machine running the bench. */
function gitEnv(base: string): NodeJS.ProcessEnv {
  const config = path.join(base, 'gitconfig');
  fs.writeFileSync(
    config,
    '[init]\n\tdefaultBranch = main\n[user]\n\tname = Bench\n\temail = bench@example.com\n',
  );
  return { ...process.env, GIT_CONFIG_GLOBAL: config, GIT_CONFIG_NOSYSTEM: '1' };
}

/** A bare remote whose first commit holds an empty memory in format 2. */
function seedRemote(base: string, git: (cwd: string, ...args: string[]) => string): string {
  const seed = path.join(base, 'seed');
  const memory = path.join(seed, 'MEMORY-CONTEXT');
  fs.mkdirSync(memory, { recursive: true });
  git(seed, 'init', '-q', '-b', 'main');
  fs.writeFileSync(
    path.join(memory, 'FORMAT.json'),
    JSON.stringify({ format: MEMORY_FORMAT }, null, 2) + '\n',
  );
  fs.writeFileSync(path.join(memory, '.gitignore'), '.local/\n');
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'memory');
  const bare = path.join(base, 'memory.git');
  git(base, 'clone', '-q', '--bare', seed, bare);
  return bare;
}

/** N checkpoints of this machine, each its own folder and its own commit, as imports make them. */
function writeCheckpoints(
  m: Machine,
  machineId: string,
  n: number,
  git: ((cwd: string, ...args: string[]) => string) | null,
  first = 0,
): void {
  const stateDir = memoryLayout(m.memory).checkpointStateDir;
  for (let i = first; i < first + n; i++) {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const id = `${at.slice(0, 19).replace(/:/g, '-')}Z-${machineId}-Bench-${i}`;
    const dir = path.join(stateDir, id);
    fs.mkdirSync(dir, { recursive: true });
    const messages: MessageLine[] = [];
    const occurrences: TrackedOccurrence[] = [];
    for (let j = 0; j < MESSAGES; j++) {
      const shared = j < SHARED;
      const t = shared
        ? `checkpoint ${i} question ${j}: how does the release train work?`
        : `${machineId} checkpoint ${i} message ${j}: notes about module ${(i * 7 + j) % 97} and its tests`;
      const r = j % 2 ? 'assistant' : 'user';
      const h = crypto.createHash('sha256').update(`${r}\n${t}`).digest('hex');
      messages.push({ h, r, t });
      occurrences.push({ s: 1, q: j, h, sid: `${machineId}-session-${i}`, ts: at });
    }
    const name = `bench-${machineId}-${i}.txt`;
    const record: TrackedCheckpoint = {
      format: MEMORY_FORMAT,
      id,
      title: `Bench ${i}`,
      created_at: at,
      author: `${machineId} <${machineId}@example.com>`,
      machine: machineId,
      document: `checkpoints/${id}.md`,
      redactions: 0,
      counts: { read: MESSAGES, new_unique: MESSAGES, duplicates: 0 },
      sources: [
        {
          ref: 1,
          kind: 'export',
          name,
          path: `~/Downloads/${name}`,
          sha256: crypto.createHash('sha256').update(name).digest('hex'),
          project: null,
          archived_as: null,
          start_offset: 0,
          end_offset: 0,
          prefix_sha256: null,
          bad_lines: 0,
          counts: { read: MESSAGES, new_unique: MESSAGES, duplicates: 0 },
        },
      ],
      messages: [partName('messages', 1)],
      occurrences: [partName('occurrences', 1)],
    };
    const part = (rows: object[]) => zlib.gzipSync(rows.map((x) => JSON.stringify(x)).join('\n') + '\n');
    fs.writeFileSync(path.join(dir, partName('messages', 1)), part(messages));
    fs.writeFileSync(path.join(dir, partName('occurrences', 1)), part(occurrences));
    fs.writeFileSync(path.join(dir, CHECKPOINT_FILE), JSON.stringify(record, null, 2) + '\n');
    if (!git) continue;
    git(m.repo, 'add', '--', path.relative(m.repo, dir));
    git(m.repo, 'commit', '-q', '-m', `checkpoint: Bench ${i}`);
  }
}

/** `k` more checkpoints land in a memory already indexed: the update reads only theirs. */
async function fewArrive(m: Machine, k: number, after: number): Promise<SyncBench['few']> {
  writeCheckpoints(m, 'f0f0f0', k, null, after);
  const layout = memoryLayout(m.memory);
  const ingestMs = time(() => indexAll(m.memory));
  const reindexMs = await timeAsync(() => reindex(layout));
  return { arrived: k, ingestMs, reindexMs, ratio: ingestMs / reindexMs };
}

function indexAll(memory: string): void {
  const layout = memoryLayout(memory);
  fs.mkdirSync(layout.localDir, { recursive: true });
  const store = MemoryStore.open(layout.storeFile);
  try {
    ingestTrackedMemory(store, layout);
  } finally {
    store.close();
  }
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

if (require.main === module) {
  const n = Number(process.argv[2] ?? '50');
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-sync-bench-'));
  benchSync(base, n)
    .then((r) => {
      console.log(
        `sync of ${r.arrived} checkpoints made elsewhere into a memory with ${r.checkpoints}: ` +
          `${r.syncMs.toFixed(0)} ms; git pull --rebase of the same commits ${r.pullMs.toFixed(0)} ms ` +
          `(${r.syncRatio.toFixed(2)}×, target ≤ 3×)`,
      );
      console.log(
        `incremental index update ${r.ingestMs.toFixed(0)} ms; full reindex of ${r.uniqueAfter} unique messages ` +
          `${r.reindexMs.toFixed(0)} ms (${r.ingestRatio.toFixed(2)}×, target ≤ 0.2×)`,
      );
      console.log(
        `then ${r.few.arrived} more arriving: update ${r.few.ingestMs.toFixed(0)} ms; full reindex ` +
          `${r.few.reindexMs.toFixed(0)} ms (${r.few.ratio.toFixed(2)}×)`,
      );
    })
    .catch((err) => {
      console.error(err);
      process.exitCode = 1;
    })
    .finally(() => fs.rmSync(base, { recursive: true, force: true }));
}
