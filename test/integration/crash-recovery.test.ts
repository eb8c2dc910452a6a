import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { trackedFolders, trackedMessages } from '../helpers/tracked-memory';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../helpers/corpus';
import { copyTree, makeWorkspace, rmWorkspace, runCli, spawnCli, type Workspace } from '../helpers/workspace';

/**
 * Kill a real `coditect export-dedup` with SIGKILL at random moments, again and again, then
 * let a run finish: nothing may be lost or duplicated, and every count must add up to what
 * one uninterrupted run over the same inputs produces.
 */
/** Kill points, early to late; each run is killed once its progress shows the marker, plus a random delay. */
const KILL_POINTS = [
  'discover: started',
  'import: started',
  '[3/',
  '[20/',
  '[45/',
  'archive: started',
  'checkpoint: started',
];
const spaces: Workspace[] = [];
afterAll(() => spaces.forEach(rmWorkspace));

function corpus(seed: number, dir: string) {
  generateCorpus(dir, {
    exportFiles: 40,
    transcriptFiles: 12,
    exchangesPerFile: 30,
    repeatShare: 0.35,
    answerBytes: 600,
    seed,
  });
}

/** Two batches of inputs: the crashed workspace gets the second only half-way, the reference has both. */
function corpusWorkspace(batches: number[]): Workspace {
  const w = makeWorkspace({
    exports: ['export-v1-macos.txt', 'export-v2-linux-overlap.txt', 'real-export-v2.0.50-macos.txt'],
  });
  spaces.push(w);
  batches.forEach((seed) => addBatch(w, seed));
  return w;
}

function addBatch(w: Workspace, seed: number): void {
  const gen = path.join(w.base, `gen-${seed}`);
  corpus(seed, gen);
  copyTree(path.join(gen, 'exports'), path.join(w.master, `notes-${seed}`));
  // A repository's top folder is a drop zone: its untracked exports are moved (issue 11).
  execFileSync('git', ['init', '-q', path.join(w.master, `notes-${seed}`)]);
  for (const f of fs.readdirSync(path.join(gen, 'claude', 'projects', '-home-u-PROJECTS-demo'))) {
    fs.renameSync(
      path.join(gen, 'claude', 'projects', '-home-u-PROJECTS-demo', f),
      path.join(gen, 'claude', 'projects', '-home-u-PROJECTS-demo', `${seed}-${f}`),
    );
  }
  copyTree(path.join(gen, 'claude', 'projects'), w.claudeProjects);
  fs.rmSync(gen, { recursive: true });
}

const args = (w: Workspace) => ['export-dedup', '--root', w.root, '--yes', '--no-git', '--wait', '30'];

/** Start a run and SIGKILL it `extraMs` after its progress output shows `marker` (or after 20 s). */
function killAt(
  w: Workspace,
  marker: string,
  extraMs: number,
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawnCli(w, args(w));
    let seen = '';
    let killed = false;
    const kill = () => {
      killed = child.exitCode === null;
      child.kill('SIGKILL');
    };
    const fallback = setTimeout(kill, 20_000);
    child.stderr.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(marker) && !killed) setTimeout(kill, extraMs);
    });
    child.stdout.resume();
    child.on('exit', (code) => {
      clearTimeout(fallback);
      resolve({ killed, code });
    });
  });
}

interface Outcome {
  unique: number;
  hashes: string[];
  occurrences: number;
  checkpointTotals: { read: number; newUnique: number; duplicates: number };
  stateLines: string[];
  archived: string[];
  leftInPlace: string[];
  checkpointDocs: number;
  checkpointsInIndex: number;
  /** Every index's definition: a run killed while a large import had some dropped leaves none missing. */
  indexes: { name: string; sql: string | null }[];
}

function outcome(w: Workspace): Outcome {
  const d = new Database(path.join(w.memory, '.local', 'coditect.sqlite'), { readonly: true });
  const totals = d
    .prepare('SELECT SUM(read_count) r, SUM(new_count) n, SUM(dup_count) u FROM checkpoints')
    .get() as { r: number; n: number; u: number };
  const o = {
    unique: d.prepare('SELECT COUNT(*) FROM messages').pluck().get() as number,
    hashes: d.prepare('SELECT hash FROM messages ORDER BY hash').pluck().all() as string[],
    occurrences: d.prepare('SELECT COUNT(*) FROM occurrences').pluck().get() as number,
    checkpointTotals: { read: totals.r, newUnique: totals.n, duplicates: totals.u },
    pending: d.prepare("SELECT COUNT(*) FROM checkpoints WHERE status = 'pending'").pluck().get() as number,
    indexes: d
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")
      .all() as Outcome['indexes'],
  };
  d.close();
  expect(o.pending).toBe(0);
  const notes = fs
    .readdirSync(w.master)
    .filter((d) => d.startsWith('notes-'))
    .map((d) => path.join(w.master, d));
  return {
    unique: o.unique,
    hashes: o.hashes,
    occurrences: o.occurrences,
    checkpointTotals: o.checkpointTotals,
    stateLines: trackedMessages(w.memory)
      .map((l) => l.h)
      .sort(),
    archived: fs.readdirSync(path.join(w.memory, 'exports-archive')).sort(),
    leftInPlace: notes.flatMap((d) => fs.readdirSync(d).filter((n) => n !== '.git')),
    checkpointDocs: fs.readdirSync(path.join(w.memory, 'checkpoints')).length,
    checkpointsInIndex: trackedFolders(w.memory).length,
    indexes: o.indexes,
  };
}

describe('crash recovery: kill -9 at random points', () => {
  it('the next run completes the work; nothing lost, nothing duplicated, every count adds up', async () => {
    const reference = corpusWorkspace([7, 8]);
    const clean = runCli(reference, args(reference));
    expect(clean.code, clean.stderr).toBe(0);
    const expected = outcome(reference);

    const w = corpusWorkspace([7]);
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const log: string[] = [];
    for (const batch of [1, 2]) {
      if (batch === 2) addBatch(w, 8);
      for (const marker of KILL_POINTS) {
        const extra = Math.round(random() * 120);
        const r = await killAt(w, marker, extra);
        log.push(`${marker}+${extra}ms: ${r.killed ? 'killed' : `exited ${r.code}`}`);
      }
    }
    const final = runCli(w, args(w));
    expect(final.code, `${final.stderr}\n${log.join('\n')}`).toBe(0);
    expect(log.filter((l) => l.endsWith('killed')).length, log.join('\n')).toBeGreaterThanOrEqual(8);
    const got = outcome(w);

    // Totals do not depend on how the work was split across runs.
    expect(got.unique).toBe(expected.unique);
    expect(got.hashes).toEqual(expected.hashes);
    expect(got.stateLines).toEqual(expected.hashes); // every unique message exactly once in the state file
    expect(got.occurrences).toBe(expected.occurrences);
    expect(got.checkpointTotals.newUnique).toBe(expected.unique);
    expect(got.checkpointTotals.read).toBe(got.checkpointTotals.newUnique + got.checkpointTotals.duplicates);
    expect(got.checkpointTotals).toEqual(expected.checkpointTotals);
    expect(got.archived).toEqual(expected.archived);
    expect(got.leftInPlace).toEqual([]);
    expect(got.checkpointDocs).toBe(got.checkpointsInIndex);
    expect(got.indexes).toEqual(expected.indexes);
    expect(got.indexes.map((i) => i.name)).toContain('occurrences_message');
    // The log survived every kill and parses line by line.
    const text = fs.readFileSync(path.join(w.memory, '.local', 'coditect.log'), 'utf8');
    for (const line of text.split('\n').filter(Boolean))
      expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T\S+Z (DEBUG|INFO|WARN|ERROR) \[[\w-]+\] /);
  });
});
