import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { benchCorpusOptions, generateCorpus } from '../helpers/corpus';

/**
 * The event-loop row of `npm run bench`, alone: `npx tsx test/bench/event-loop-run.ts [scale] [runs]`.
 * Generates the bench corpus once (scale 1: 700 exports in the memory's inbox, as the full
 * bench places them), then runs `benchEventLoop` `runs` times, each on a fresh copy (a fresh
 * home, memory and inbox), and prints p99/max and the run's time per run and their medians.
 *
 * Every stall over `STALL_MS` is listed with when it happened (from the run's start), the
 * pipeline step then going, and the main isolate's garbage collections that overlapped it,
 * so a stall can be attributed.
 *
 * `--ab name=DIR` (repeatable) adds other versions of the code: DIR is a checkout (e.g. a
 * `git archive` of an older commit with node_modules linked in) whose
 * test/bench/event-loop-bench.ts is run in turn with this one, run by run, on copies of the
 * same corpus. `--quiet` leaves out the stall lists.
 */

const STALL_MS = 20;

interface Variant {
  name: string;
  dir: string;
}

interface Stall {
  atMs: number;
  ms: number;
  step: string;
  gcMs: number;
  /** This thread's time on a core and waiting for one during the stall (Linux schedstat; -1 elsewhere). */
  cpuMs: number;
  waitMs: number;
}

interface RunResult {
  variant: string;
  p99Ms: number;
  maxMs: number;
  runMs: number;
  outcome: string;
  stalls: Stall[];
  steps: string;
  /** Core-seconds other processes used during the run (Linux /proc/stat), -1 elsewhere. */
  othersCpuS: number;
}

type BenchModule = typeof import('./event-loop-bench');

function parseArgs(argv: string[]): { scale: number; runs: number; variants: Variant[]; quiet: boolean } {
  const plain: string[] = [];
  const variants: Variant[] = [{ name: 'this', dir: path.resolve(__dirname, '..', '..') }];
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--ab') {
      const [name, dir] = (argv[++i] ?? '').split('=');
      if (!name || !dir) throw new Error('--ab name=DIR');
      variants.push({ name, dir: path.resolve(dir) });
    } else if (a === '--quiet') quiet = true;
    else plain.push(a);
  }
  const scale = Number(plain[0] ?? '1');
  const runs = Number(plain[1] ?? '3');
  if (!(scale > 0) || !(runs > 0)) throw new Error('usage: event-loop-run.ts [scale] [runs] [--ab name=DIR]');
  return { scale, runs, variants, quiet };
}

async function main(): Promise<void> {
  const { scale, runs, variants, quiet } = parseArgs(process.argv.slice(2));
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-loop-'));
  try {
    const gen = path.join(base, 'gen');
    const corpus = generateCorpus(gen, benchCorpusOptions(scale));
    const exportsBytes = fs
      .readdirSync(path.join(gen, 'exports'))
      .reduce((n, f) => n + fs.statSync(path.join(gen, 'exports', f)).size, 0);
    console.log(
      `corpus ${(corpus.bytes / 1024 / 1024).toFixed(0)} MB generated, ${corpus.exports.length} exports ` +
        `(${(exportsBytes / 1024 / 1024).toFixed(0)} MB) in the inbox; ${os.availableParallelism()} cores, node ${process.version}`,
    );
    const modules = new Map<string, BenchModule>();
    for (const v of variants)
      modules.set(
        v.name,
        (await import(
          pathToFileURL(path.join(v.dir, 'test', 'bench', 'event-loop-bench.ts')).href
        )) as BenchModule,
      );
    const results: RunResult[] = [];
    for (let i = 0; i < runs; i++) {
      for (const v of variants) {
        const r = await oneRun(modules.get(v.name)!, v.name, path.join(base, `run-${i}-${v.name}`), gen);
        results.push(r);
        console.log(
          `run ${i + 1} ${v.name}: p99 ${r.p99Ms.toFixed(1)} ms, max ${r.maxMs.toFixed(1)} ms, ` +
            `run ${(r.runMs / 1000).toFixed(1)} s, ${r.outcome}` +
            (r.othersCpuS >= 0 ? `, other processes ${r.othersCpuS.toFixed(1)} core-s` : '') +
            `; steps ${r.steps}`,
        );
        if (!quiet)
          for (const s of r.stalls)
            console.log(
              `    +${(s.atMs / 1000).toFixed(2)} s  ${s.ms.toFixed(0)} ms  during ${s.step}` +
                (s.cpuMs >= 0
                  ? `  on-CPU ${s.cpuMs.toFixed(0)} ms, runnable ${s.waitMs.toFixed(0)} ms`
                  : '') +
                (s.gcMs > 0 ? `  (main-thread GC ${s.gcMs.toFixed(1)} ms)` : ''),
            );
      }
    }
    console.log('');
    for (const v of variants) {
      const mine = results.filter((r) => r.variant === v.name);
      console.log(
        `${v.name}: median p99 ${median(mine.map((r) => r.p99Ms)).toFixed(1)} ms, ` +
          `median max ${median(mine.map((r) => r.maxMs)).toFixed(1)} ms ` +
          `(max per run ${mine.map((r) => r.maxMs.toFixed(0)).join(' ')}), ` +
          `median run ${(median(mine.map((r) => r.runMs)) / 1000).toFixed(1)} s, ` +
          `stalls > ${STALL_MS} ms per run ${mine.map((r) => r.stalls.length).join(' ')}`,
      );
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
}

/** A fresh home with the inbox copied in, as run.ts lays it out for this row. */
async function oneRun(mod: BenchModule, variant: string, dir: string, gen: string): Promise<RunResult> {
  const home = path.join(dir, 'home');
  const root = path.join(home, 'PROJECTS');
  const memory = path.join(root, 'master', 'MEMORY-CONTEXT');
  fs.mkdirSync(memory, { recursive: true });
  fs.cpSync(path.join(gen, 'exports'), path.join(memory, 'inbox'), { recursive: true });
  execFileSync('sync');
  const watch = watchStalls();
  const busy0 = machineBusyS();
  const cpu0 = process.cpuUsage();
  try {
    const r = await mod.benchEventLoop(root, memory, home, { onEvent: watch.onEvent });
    const ours = process.cpuUsage(cpu0);
    const busy = machineBusyS();
    const othersCpuS = busy0 < 0 || busy < 0 ? -1 : busy - busy0 - (ours.user + ours.system) / 1e6;
    return { variant, ...r, stalls: watch.stalls(), steps: watch.steps(), othersCpuS };
  } finally {
    watch.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A 5 ms timer on this thread: each late tick over STALL_MS is a stall, kept with the step
 * that was going and the main isolate's GC time inside it.
 */
function watchStalls() {
  const t0 = performance.now();
  let step = 'start';
  const stepTimes: string[] = [];
  let stepStart = t0;
  const stalls: Stall[] = [];
  const gcs: { start: number; end: number }[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
  });
  obs.observe({ entryTypes: ['gc'] });
  const TICK = 5;
  let last = performance.now();
  let sched = schedstat();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - TICK;
    const s = schedstat();
    if (late > STALL_MS) {
      const gcMs = gcs
        .filter((g) => g.end > last && g.start < now)
        .reduce((n, g) => n + Math.min(g.end, now) - Math.max(g.start, last), 0);
      const cpuMs = s && sched ? (s[0] - sched[0]) / 1e6 : -1;
      const waitMs = s && sched ? (s[1] - sched[1]) / 1e6 : -1;
      stalls.push({ atMs: last - t0, ms: late, step, gcMs, cpuMs, waitMs });
    }
    last = now;
    sched = s;
  }, TICK);
  return {
    onEvent(e: { type: string; step?: string; index?: number; total?: number }) {
      if (e.type === 'step-started' && e.step) {
        step = e.step;
        stepStart = performance.now();
      } else if (e.type === 'step-succeeded' || e.type === 'step-failed') {
        stepTimes.push(`${e.step} ${((performance.now() - stepStart) / 1000).toFixed(2)} s`);
        step = `after ${e.step}`;
      }
    },
    stalls: () => stalls,
    steps: () => stepTimes.join(', '),
    stop() {
      clearInterval(timer);
      obs.disconnect();
    },
  };
}

/** Core-seconds the whole machine has been busy (Linux /proc/stat: all but idle and iowait), or -1. */
function machineBusyS(): number {
  try {
    const cpu = fs
      .readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    // user nice system idle iowait irq softirq steal (guest time is inside user already)
    const busy = [0, 1, 2, 5, 6, 7].reduce((n, i) => n + (cpu[i] ?? 0), 0);
    return busy / 100; // USER_HZ
  } catch {
    return -1;
  }
}

/** The main thread's nanoseconds on a core and waiting in the run queue (Linux), or null. */
function schedstat(): [number, number] | null {
  try {
    const [cpu, wait] = fs.readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    return [Number(cpu), Number(wait)];
  } catch {
    return null;
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
