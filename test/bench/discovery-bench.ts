import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { discover } from '../../src-main/core/discovery/discover';
import { benchCorpusOptions, generateCorpus } from '../helpers/corpus';

/**
 * Discovery against `find ROOT -type f` over the same tree. The target is a ratio of at
 * most 2: discovery lists every directory like find does, and additionally stats
 * directories and opens the few candidate files.
 */

const RUNS = 3;

/**
 * `files`: how many inputs discovery found (a check that it really looked). The medians are
 * the figures; `runs` holds every timed run, to show how noisy the machine was.
 */
export async function benchDiscovery(root: string): Promise<{
  discoveryMs: number;
  findMs: number;
  ratio: number;
  files: number;
  runs: { findMs: number[]; discoveryMs: number[] };
}> {
  let files = 0;
  const runDiscovery = async () => {
    files = (await discover([{ name: 'projects-root', dir: root, recursive: true }])).files.length;
  };
  // One untimed run of each first, so both see a warm page cache.
  await runFind(root);
  await runDiscovery();
  const findRuns = await timeRuns(() => runFind(root));
  const discoveryRuns = await timeRuns(runDiscovery);
  const findMs = median(findRuns);
  const discoveryMs = median(discoveryRuns);
  return {
    discoveryMs,
    findMs,
    ratio: discoveryMs / findMs,
    files,
    runs: { findMs: findRuns.map(round), discoveryMs: discoveryRuns.map(round) },
  };
}

const round = (ms: number): number => Math.round(ms * 10) / 10;

async function timeRuns(run: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times;
}

function runFind(root: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.openSync('/dev/null', 'w');
    const child = spawn('find', [root, '-type', 'f'], { stdio: ['ignore', out, 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => {
      fs.closeSync(out);
      if (code === 0) resolve();
      else reject(new Error(`find exited with ${code}`));
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * A projects-like tree: `repos` repositories of nested source folders, mostly `.ts`/`.json`
 * (never opened), a README in every other folder (opened, not an export) and `exports`
 * real exports scattered about. No skipped folders, so find and discovery walk the same set.
 */
export function makeSyntheticTree(
  root: string,
  exportText: Buffer,
  o = { repos: 50, dirsPerRepo: 200, filesPerDir: 20, exports: 100 },
): number {
  let count = 0;
  for (let r = 0; r < o.repos; r++) {
    for (let d = 0; d < o.dirsPerRepo; d++) {
      const dir = path.join(root, `repo-${r}`, 'src', `area-${d % 10}`, `mod-${d}`);
      fs.mkdirSync(dir, { recursive: true });
      for (let f = 0; f < o.filesPerDir; f++, count++)
        fs.writeFileSync(path.join(dir, syntheticName(d, f)), `export const v${f} = ${d};\n`);
    }
  }
  for (let e = 0; e < o.exports; e++, count++) {
    fs.writeFileSync(
      path.join(root, `repo-${e % o.repos}`, 'src', `area-${e % 10}`, `session-${e}.txt`),
      exportText,
    );
  }
  return count;
}

/**
 * The ordinary files of the projects root that `npm run bench` measures: 200,000 at scale 1
 * in `<root>/code`, none of them an export.
 */
export function addOrdinaryFiles(root: string, scale: number): number {
  return makeSyntheticTree(path.join(root, 'code'), Buffer.from(''), {
    repos: Math.max(1, Math.round(50 * scale)),
    dirsPerRepo: 200,
    filesPerDir: 20,
    exports: 0,
  });
}

/**
 * The projects root of `npm run bench` (BENCH_SCALE honoured), for measuring discovery alone:
 * the generated exports in `master/exports` among the ordinary files. The transcripts that
 * bench also generates live outside the root, so discovery of the root never sees them.
 */
function makeBenchProjectsRoot(base: string, scale: number): number {
  const root = path.join(base, 'PROJECTS');
  fs.mkdirSync(path.join(root, 'master', 'MEMORY-CONTEXT'), { recursive: true });
  // The exports are generated first, so they are the same files without the transcripts.
  generateCorpus(path.join(base, 'gen'), { ...benchCorpusOptions(scale), transcriptFiles: 0 });
  fs.renameSync(path.join(base, 'gen', 'exports'), path.join(root, 'master', 'exports'));
  return fs.readdirSync(path.join(root, 'master', 'exports')).length + addOrdinaryFiles(root, scale);
}

function syntheticName(dir: number, file: number): string {
  if (file === 0 && dir % 2 === 0) return 'README.md';
  return file % 4 === 0 ? `data-${file}.json` : `file-${file}.ts`;
}

/** 200,000 ordinary files and 100 settled copies of one export. */
function makeCopiesTree(root: string, exportFile: string): number {
  const treeFiles = makeSyntheticTree(root, fs.readFileSync(exportFile));
  const past = new Date(Date.now() - 3600_000);
  // Settled exports: the bench measures discovery, not the waiting rule.
  for (const e of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.startsWith('session-'))
      fs.utimesSync(path.join(e.parentPath, e.name), past, past);
  }
  return treeFiles;
}

/**
 * `tsx test/bench/discovery-bench.ts [EXPORT-FILE]`: 100 copies of one export among 200,000
 * files. `tsx test/bench/discovery-bench.ts --bench-tree`: the projects root `npm run bench`
 * measures discovery on (BENCH_SCALE honoured), without the rest of that bench.
 */
async function main(): Promise<void> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'discovery-bench-'));
  try {
    const benchTree = process.argv[2] === '--bench-tree';
    const root = benchTree ? path.join(base, 'PROJECTS') : base;
    const treeFiles = benchTree
      ? makeBenchProjectsRoot(base, Number(process.env.BENCH_SCALE ?? '1'))
      : makeCopiesTree(root, process.argv[2] ?? '/work/shared/fixtures/export-v1-macos.txt');
    const result = await benchDiscovery(root);
    console.log(JSON.stringify({ treeFiles, ...result }, null, 2));
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
