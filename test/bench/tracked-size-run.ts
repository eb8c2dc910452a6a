/**
 * The git-tracked size figure of `npm run bench` alone, on a corpus of BENCH_SCALE (default 0.1):
 * `npx tsx test/bench/tracked-size-run.ts`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCorpusOptions, generateCorpus } from '../helpers/corpus';
import { trackedSize, trackedStateSize } from './tracked-size';

const MB = 1024 * 1024;
const scale = Number(process.env.BENCH_SCALE ?? '0.1');
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-size-'));
try {
  const home = path.join(base, 'home');
  const root = path.join(home, 'PROJECTS');
  const memory = path.join(root, 'master', 'MEMORY-CONTEXT');
  fs.mkdirSync(memory, { recursive: true });
  const corpus = generateCorpus(path.join(base, 'gen'), benchCorpusOptions(scale));
  fs.renameSync(path.join(base, 'gen', 'exports'), path.join(root, 'master', 'exports'));
  fs.mkdirSync(path.join(home, '.claude'), { recursive: true });
  fs.renameSync(path.join(base, 'gen', 'claude', 'projects'), path.join(home, '.claude', 'projects'));
  const r = spawnSync(
    process.execPath,
    [require.resolve('tsx/cli'), path.join(__dirname, 'import-child.ts'), root, memory, home],
    { encoding: 'utf8', maxBuffer: 16 * MB },
  );
  if (r.status !== 0) throw new Error(`import failed: ${r.stderr}`);
  const run = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
    ms: number;
    steps: Record<string, number>;
  };
  console.log(`import ${(run.ms / 1000).toFixed(2)} s; by step: ${JSON.stringify(run.steps)}`);
  const state = trackedStateSize(memory);
  const all = trackedSize(memory);
  console.log(
    `input ${(corpus.bytes / MB).toFixed(1)} MB; tracked memory ${(state.bytes / MB).toFixed(1)} MB ` +
      `(${(state.bytes / corpus.bytes).toFixed(2)}× the input; with the archived exports ` +
      `${(all.bytes / MB).toFixed(1)} MB); largest tracked file ${(all.largest / MB).toFixed(2)} MB (${all.largestFile})`,
  );
} finally {
  fs.rmSync(base, { recursive: true, force: true });
}
