/**
 * `npm run bench`: speed and memory, printed as figures and as ratios against baselines
 * measured in the same run on the same files (sha256sum, find, plain appends). Nothing here
 * is asserted: the machines are shared and noisy; the targets are printed next to the numbers.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchCorpusOptions, generateCorpus } from '../helpers/corpus';
import { buildCli, describeCpu, runCliImport } from './cli-import';
import { heavyImport, medianOf as median, peerComparison, sha256sumMs, type HeavyRun } from './heavy-bench';
import { PEER } from './peer-bench';
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

function describeSteps(steps: Record<string, number>): string {
  return Object.entries(steps)
    .map(([name, ms]) => `${name} ${ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(2)} s`}`)
    .join(', ');
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
    console.log('Building the bundled CLI (what the coditect launcher runs) …');
    buildCli();
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
    const first = runCliImport(home, root, memory);
    console.log(`Full import by step: ${describeSteps(first.steps)}`);
    console.log(`  ${describeCpu(first)}`);
    rows.push({
      measure: `full import, bench corpus (${first.counts.read} messages, ${first.counts.newUnique} unique)`,
      figure: `${(first.ms / 1000).toFixed(2)} s`,
      baseline: `sha256sum ${(shaMs / 1000).toFixed(2)} s`,
      ratio: `${(first.ms / shaMs).toFixed(2)}×`,
      target: '≤ 7×',
      met: first.ms / shaMs <= 7,
    });
    rows.push(rssRow('peak RSS of that import', first.maxRssBytes, corpus.bytes));
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
    const second = runCliImport(home, root, memory);
    rows.push({
      measure: 'second run, nothing new',
      figure: `${(second.ms / 1000).toFixed(3)} s`,
      baseline: '-',
      ratio: '-',
      target: '< 1 s',
      met: second.ms < 1000 && second.counts.read === 0,
    });

    rows.push(...heavyRows(base, scale));
    rows.push(...peerRows(base, scale));

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

/**
 * The message-heavy corpus (~500-byte messages) at 1× and 2× the scale: time and peak memory of
 * each, and how time grows with the input. Each corpus is removed once measured.
 */
function heavyRows(base: string, scale: number): Row[] {
  const runs: HeavyRun[] = [];
  for (const k of [1, 2]) {
    const dir = path.join(base, `heavy-${k}`);
    console.log(`Message-heavy corpus at ${k}× …`);
    const h = heavyImport(dir, scale * k);
    console.log(`  by step: ${describeSteps(h.run.steps)}`);
    console.log(`  ${describeCpu(h.run)}`);
    runs.push(h);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const rows = runs.flatMap((h): Row[] => [
    {
      measure: `full import, message-heavy (${(h.corpus.bytes / MB).toFixed(0)} MB, ${h.corpus.files.length} files, ${h.run.counts.read} messages)`,
      figure: `${(h.run.ms / 1000).toFixed(2)} s`,
      baseline: `sha256sum ${(h.shaMs / 1000).toFixed(2)} s`,
      ratio: `${(h.run.ms / h.shaMs).toFixed(2)}×`,
      target: '≤ 10×',
      met: h.run.ms / h.shaMs <= 10,
    },
    rssRow(`peak RSS of that import`, h.run.maxRssBytes, h.corpus.bytes),
  ]);
  const growth = runs[1]!.run.ms / runs[0]!.run.ms;
  rows.push({
    measure: 'message-heavy import time at 2× the input',
    figure: `${(runs[1]!.run.ms / 1000).toFixed(2)} s`,
    baseline: `1× ${(runs[0]!.run.ms / 1000).toFixed(2)} s`,
    ratio: `${growth.toFixed(2)}×`,
    target: '≤ 2.05×',
    met: growth <= 2.05,
  });
  return rows;
}

/** JSONL transcripts only: our import against the peer on the same files. */
function peerRows(base: string, scale: number): Row[] {
  const dir = path.join(base, 'peer');
  console.log(`JSONL transcripts only: ${PEER} and our import …`);
  const c = peerComparison(dir, scale);
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`  ours: ${describeCpu(c.ours)}`);
  if (!('notMeasured' in c.peer) && c.peer.cpuMs !== null)
    console.log(`  ${PEER}: CPU ${(c.peer.cpuMs / 1000).toFixed(1)} s, all threads`);
  const what = `${(c.corpus.bytes / MB).toFixed(0)} MB, ${c.ours.counts.read} messages`;
  if ('notMeasured' in c.peer)
    return [
      {
        measure: `JSONL-only import (${what})`,
        figure: `${(c.ours.ms / 1000).toFixed(2)} s`,
        baseline: c.peer.notMeasured,
        ratio: '-',
        target: `≤ 0.6× ${PEER}`,
        met: false,
      },
    ];
  const time = c.ours.ms / c.peer.ms;
  const memory = c.ours.maxRssBytes === null ? null : c.ours.maxRssBytes / c.peer.maxRssBytes;
  return [
    {
      measure: `JSONL-only import (${what})`,
      figure: `${(c.ours.ms / 1000).toFixed(2)} s`,
      baseline: `${PEER} daily --json --offline ${(c.peer.ms / 1000).toFixed(2)} s`,
      ratio: `${time.toFixed(2)}×`,
      target: '≤ 0.6×',
      met: time <= 0.6,
    },
    {
      measure: 'peak RSS of that import',
      figure: c.ours.maxRssBytes === null ? 'not measured' : `${(c.ours.maxRssBytes / MB).toFixed(0)} MB`,
      baseline: `${PEER} ${(c.peer.maxRssBytes / MB).toFixed(0)} MB`,
      ratio: memory === null ? '-' : `${memory.toFixed(2)}×`,
      target: '≤ 0.3×',
      met: memory !== null && memory <= 0.3,
    },
  ];
}

function rssRow(measure: string, rss: number | null, inputBytes: number): Row {
  return {
    measure,
    figure: rss === null ? 'not measured (no /usr/bin/time)' : `${(rss / MB).toFixed(0)} MB`,
    baseline: `input ${(inputBytes / MB).toFixed(0)} MB`,
    ratio: rss === null ? '-' : `${(rss / inputBytes).toFixed(2)}× input`,
    target: '≤ 300 MB',
    met: rss !== null && rss <= 300 * MB,
  };
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
