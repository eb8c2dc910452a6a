/**
 * `npm run bench`: speed and memory, printed as figures and as ratios against baselines
 * measured in the same run on the same files (sha256sum, find, plain appends). Nothing here
 * is asserted: the machines are shared and noisy; the targets are printed next to the numbers.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCorpusOptions, generateCorpus } from '../helpers/corpus';
import { addOrdinaryFiles, benchDiscovery } from './discovery-bench';
import { benchEventLoop } from './event-loop-bench';
import { benchGit, makeGitTree } from './git-bench';
import { benchLog } from './log-bench';
import { benchRenderer } from './renderer-bench';
import { benchSearch, formatPercentiles, SEARCH_VIEW_LIMIT } from './search-bench';
import { trackedStateSize } from './tracked-size';
import { benchSecretsOnCorpus } from './secret-bench';
import { benchSync } from './sync-bench';

const MB = 1024 * 1024;

interface Row {
  measure: string;
  figure: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean;
}

function timeMs(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function importRun(root: string, memory: string, home: string) {
  const r = spawnSync(
    process.execPath,
    [require.resolve('tsx/cli'), path.join(__dirname, 'import-child.ts'), root, memory, home],
    {
      encoding: 'utf8',
      maxBuffer: 16 * MB,
    },
  );
  if (r.status !== 0) throw new Error(`import run failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as {
    ms: number;
    maxRssBytes: number;
    outcome: string;
    counts: { read: number; newUnique: number; duplicates: number };
    files: number;
    steps: Record<string, number>;
  };
}

function describeSteps(steps: Record<string, number>): string {
  return Object.entries(steps)
    .map(([name, ms]) => `${name} ${ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`}`)
    .join(', ');
}

function sha256sumMs(files: string[]): number {
  return timeMs(() => {
    for (let i = 0; i < files.length; i += 200)
      execFileSync('sha256sum', files.slice(i, i + 200), { stdio: ['ignore', 'ignore', 'inherit'] });
  });
}

async function main(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? '1');
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-bench-'));
  const rows: Row[] = [];
  try {
    const home = path.join(base, 'home');
    const root = path.join(home, 'PROJECTS');
    const memory = path.join(root, 'master', 'MEMORY-CONTEXT');
    fs.mkdirSync(memory, { recursive: true });
    console.log(`Generating the corpus in ${base} …`);
    const corpus = generateCorpus(path.join(base, 'gen'), benchCorpusOptions(scale));
    // In the memory's inbox, a drop zone: exports there are moved into the archive, as the
    // seed workflow's are (exports deep in a projects tree are only copied since issue 11).
    const inbox = path.join(memory, 'inbox');
    fs.renameSync(path.join(base, 'gen', 'exports'), inbox);
    fs.mkdirSync(path.join(home, '.claude'), { recursive: true });
    fs.renameSync(path.join(base, 'gen', 'claude', 'projects'), path.join(home, '.claude', 'projects'));
    const files = [
      ...fs.readdirSync(inbox).map((f) => path.join(inbox, f)),
      ...corpus.transcripts.map((t) =>
        t.replace(path.join(base, 'gen', 'claude'), path.join(home, '.claude')),
      ),
    ];
    // The exports live among the ordinary files of a projects root, as they do for users.
    const other = addOrdinaryFiles(root, scale);
    console.log(
      `Corpus: ${files.length} files, ${(corpus.bytes / MB).toFixed(1)} MB, among ${other} other files`,
    );

    // What was just generated is still being written back to disk: measuring now would time the
    // kernel's writeback as much as our code (the import's fsyncs wait behind it). Settle first.
    settleDisk();
    // Discovery first: the import moves the exports into the archive, which discovery skips.
    const d = await benchDiscovery(root);
    rows.push({
      measure: `discovery (${d.files} files found)`,
      figure: `${d.discoveryMs.toFixed(0)} ms`,
      baseline: `find ${d.findMs.toFixed(0)} ms`,
      ratio: `${d.ratio.toFixed(2)}×`,
      target: '≤ 2×',
      met: d.ratio <= 2,
    });

    // Files are moved to the archive by the import, so hash them first, then twice more for a median.
    const shaMs = median([sha256sumMs(files), sha256sumMs(files), sha256sumMs(files)]);
    const first = importRun(root, memory, home);
    console.log(`Full import by step: ${describeSteps(first.steps)}`);
    rows.push({
      measure: `full import (${first.counts.read} messages, ${first.counts.newUnique} unique)`,
      figure: `${(first.ms / 1000).toFixed(2)} s`,
      baseline: `sha256sum ${(shaMs / 1000).toFixed(2)} s`,
      ratio: `${(first.ms / shaMs).toFixed(2)}×`,
      target: '≤ 4×',
      met: first.ms / shaMs <= 4,
    });
    rows.push({
      measure: 'peak RSS of the import',
      figure: `${(first.maxRssBytes / MB).toFixed(0)} MB`,
      baseline: `corpus ${(corpus.bytes / MB).toFixed(0)} MB`,
      ratio: `${(first.maxRssBytes / corpus.bytes).toFixed(2)}× corpus`,
      target: '< 350 MB',
      met: first.maxRssBytes < 350 * MB,
    });
    // What the import adds to git, against its input (the archived exports left out: they are
    // the input itself, moved).
    const tracked = trackedStateSize(memory);
    rows.push({
      measure: `git-tracked memory (largest file ${(tracked.largest / MB).toFixed(1)} MB)`,
      figure: `${(tracked.bytes / MB).toFixed(1)} MB`,
      baseline: `input ${(corpus.bytes / MB).toFixed(0)} MB`,
      ratio: `${(tracked.bytes / corpus.bytes).toFixed(2)}×`,
      target: '≤ 0.5×, every file ≤ 50 MB',
      met: tracked.bytes <= 0.5 * corpus.bytes && tracked.largest <= 50 * 1000 * 1000,
    });
    const second = importRun(root, memory, home);
    rows.push({
      measure: 'second run, nothing new',
      figure: `${(second.ms / 1000).toFixed(3)} s`,
      baseline: '-',
      ratio: '-',
      target: '< 1 s',
      met: second.ms < 1000 && second.counts.read === 0,
    });

    // The desktop app runs the import in a worker: the main event loop must stay free.
    const home2 = path.join(base, 'home2');
    const root2 = path.join(home2, 'PROJECTS');
    const memory2 = path.join(root2, 'master', 'MEMORY-CONTEXT');
    fs.mkdirSync(memory2, { recursive: true });
    const corpus2 = generateCorpus(path.join(base, 'gen2'), benchCorpusOptions(scale));
    fs.renameSync(path.join(base, 'gen2', 'exports'), path.join(memory2, 'inbox'));
    settleDisk();
    const loop = await benchEventLoop(root2, memory2, home2);
    rows.push({
      measure: `main event loop delay during a ${(corpus2.bytes / MB).toFixed(0)} MB import (worker)`,
      figure: `p99 ${loop.p99Ms.toFixed(1)} ms, max ${loop.maxMs.toFixed(1)} ms`,
      baseline: `run ${(loop.runMs / 1000).toFixed(1)} s`,
      ratio: '-',
      target: '< 50 ms',
      met: loop.maxMs < 50 && loop.outcome !== 'failed',
    });

    console.log('Building the git tree …');
    fs.mkdirSync(path.join(base, 'git'), { recursive: true });
    const gitTree = makeGitTree(path.join(base, 'git'), {
      repos: Math.max(2, Math.round(100 * scale)),
      withSubmodules: Math.max(1, Math.round(10 * scale)),
      otherFiles: Math.round(200_000 * scale),
    });
    settleDisk();
    const g = await benchGit(gitTree.root);
    rows.push({
      measure: `git discovery (${g.repos} repositories, ${gitTree.files} files)`,
      figure: `${g.discoveryMs.toFixed(0)} ms`,
      baseline: `find -name .git ${g.findMs.toFixed(0)} ms`,
      ratio: `${g.discoveryRatio.toFixed(2)}×`,
      target: '≤ 2×',
      met: g.discoveryRatio <= 2,
    });
    rows.push({
      measure: 'git status of every repository',
      figure: `${g.statusMs.toFixed(0)} ms`,
      baseline: `sequential git status loop ${g.loopMs.toFixed(0)} ms`,
      ratio: `${g.statusRatio.toFixed(2)}×`,
      target: '≤ 1×',
      met: g.statusRatio <= 1,
    });

    console.log('Building a 1,000,000-message store for search …');
    const sb = benchSearch(Math.round(1_000_000 * scale), 500);
    const built = `built in ${(sb.buildMs / 1000).toFixed(0)} s`;
    for (const [kind, p] of Object.entries(sb.kinds))
      rows.push({
        measure: `search over ${sb.messages} messages: ${kind} (${p.queries} queries)`,
        figure: formatPercentiles(p),
        baseline: built,
        ratio: '-',
        target: 'p95 ≤ 50 ms',
        met: p.p95Ms <= 50,
      });
    rows.push({
      measure: `search over ${sb.messages} messages: all kinds (${sb.queries} queries, Search view's limit of ${SEARCH_VIEW_LIMIT})`,
      figure: formatPercentiles(sb.overall),
      baseline: built,
      ratio: '-',
      target: 'p95 ≤ 50 ms',
      met: sb.overall.p95Ms <= 50,
    });

    if (fs.existsSync('/usr/bin/chromium')) {
      const r = await benchRenderer();
      rows.push({
        measure: 'renderer start-up JavaScript (gzipped)',
        figure: `${(r.startupJs.gzipBytes / 1024).toFixed(1)} KB`,
        baseline: `raw ${(r.startupJs.rawBytes / 1024).toFixed(0)} KB`,
        ratio: '-',
        target: '≤ 350 KB',
        met: r.startupJs.met,
      });
      rows.push({
        measure: `first rows of a ${r.firstRows.messages}-message checkpoint (Chromium)`,
        figure: `median ${r.firstRows.medianMs.toFixed(0)} ms`,
        baseline: `cold page load ${r.firstRows.coldMs.toFixed(0)} ms`,
        ratio: '-',
        target: '≤ 500 ms',
        met: r.firstRows.met,
      });
      rows.push({
        measure: `log viewer at ${r.logFrames.linesPerSecond} lines/s (Chromium)`,
        figure: `max frame ${r.logFrames.maxFrameMs.toFixed(1)} ms`,
        baseline: `p95 frame ${r.logFrames.p95FrameMs.toFixed(1)} ms`,
        ratio: '-',
        target: 'every frame < 50 ms',
        met: r.logFrames.maxFrameMs < 50,
      });
    } else console.log('Renderer figures skipped: /usr/bin/chromium is not installed.');

    const syncDir = path.join(base, 'sync');
    fs.mkdirSync(syncDir);
    const sy = await benchSync(syncDir, Math.max(10, Math.round(1000 * scale)));
    rows.push({
      measure: `sync of ${sy.arrived} checkpoints made elsewhere into a memory with ${sy.checkpoints}`,
      figure: `${(sy.syncMs / 1000).toFixed(2)} s`,
      baseline: `git pull --rebase ${(sy.pullMs / 1000).toFixed(2)} s`,
      ratio: `${sy.syncRatio.toFixed(2)}×`,
      target: '≤ 3×',
      met: sy.syncRatio <= 3,
    });
    rows.push({
      measure: `incremental index update (${sy.arrived} arrived into ${sy.checkpoints})`,
      figure: `${sy.ingestMs.toFixed(0)} ms`,
      baseline: `full reindex ${sy.reindexMs.toFixed(0)} ms`,
      ratio: `${sy.ingestRatio.toFixed(2)}×`,
      target: '≤ 0.2×',
      met: sy.ingestRatio <= 0.2,
    });
    rows.push({
      measure: `incremental index update (${sy.few.arrived} more arrived)`,
      figure: `${sy.few.ingestMs.toFixed(0)} ms`,
      baseline: `full reindex ${sy.few.reindexMs.toFixed(0)} ms`,
      ratio: `${sy.few.ratio.toFixed(2)}×`,
      target: '≤ 0.2×',
      met: sy.few.ratio <= 0.2,
    });

    const logDir = path.join(base, 'log');
    fs.mkdirSync(logDir);
    const l = await benchLog({ dir: logDir, lines: 20_000, cap: 5000 });
    rows.push({
      measure: 'log lines/s at the 5,000 cap',
      figure: `${Math.round(l.cappedLinesPerSec)}/s`,
      baseline: `plain appends ${Math.round(l.plainAppendLinesPerSec)}/s`,
      ratio: `${l.ratio.toFixed(2)}×`,
      target: '≥ 0.3×',
      met: l.ratio >= 0.3,
    });

    const secretDir = path.join(base, 'secrets');
    const sec = benchSecretsOnCorpus(secretDir, Math.max(10, Math.round(100 * scale)));
    rows.push({
      measure: `secret prescreen per message (${sec.messages} messages, ${sec.megabytes.toFixed(0)} MB)`,
      figure: `${sec.prescreenMBps.toFixed(1)} MB/s`,
      baseline: `screen v1 ${sec.prescreenV1MBps.toFixed(1)} MB/s`,
      ratio: `${(sec.prescreenMBps / sec.prescreenV1MBps).toFixed(2)}×`,
      target: '≥ 0.4× (45 formats, wrapped tokens)',
      met: sec.prescreenMBps / sec.prescreenV1MBps >= 0.4,
    });
    rows.push({
      measure: `secret guard over archived exports (${sec.redactions} planted secrets redacted)`,
      figure: `${sec.guardMBps.toFixed(1)} MB/s`,
      baseline: `grep -E ${sec.grepMBps.toFixed(1)} MB/s`,
      ratio: `${(sec.guardMBps / sec.grepMBps).toFixed(2)}×`,
      target: '≥ 0.05×',
      met: sec.guardMBps / sec.grepMBps >= 0.05,
    });
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
    // Whatever was measured is printed, even when a later measure failed.
    printTable(rows);
  }
}

/** `sync`: generated files are on disk before anything is timed (the same for every baseline). */
function settleDisk(): void {
  execFileSync('sync');
}

function printTable(rows: Row[]): void {
  const head = ['measure', 'figure', 'baseline (same run)', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [r.measure, r.figure, r.baseline, r.ratio, r.target, r.met ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\nnode ${process.version}, ${os.cpus().length} cores, ${os.platform()} ${os.release()}`);
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
