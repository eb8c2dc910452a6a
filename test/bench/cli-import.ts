import { execFileSync } from 'node:child_process';
import { runNodeTimed } from './timed-process';
import fs from 'node:fs';
import path from 'node:path';
import { memoryLayout } from '../../src-main/core/workspace/memory-layout';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'out', 'main', 'cli.js');
const THREAD_CPU = path.join(__dirname, 'thread-cpu.cjs');

/** Where the run's CPU went (GNU time and thread-cpu.cjs); null where not measured. */
export interface CpuUse {
  /** Every thread of the process, user + system. */
  totalMs: number;
  /** The thread that runs the pipeline (the CLI's main thread): imports, store writes, parts. */
  pipelineMs: number | null;
}

export interface CliImport {
  ms: number;
  /** From GNU time (`%M`), the whole process with its worker threads; null without /usr/bin/time. */
  maxRssBytes: number | null;
  counts: { read: number; newUnique: number; duplicates: number };
  files: number;
  steps: Record<string, number>;
  cpu: CpuUse | null;
}

/**
 * The bundled CLI (out/main/cli.js), what the installed `coditect` launcher and so the
 * `/export-dedup` slash command run: built once per bench run, as the app ships it.
 */
export function buildCli(): void {
  // The package's own bin (its exports map does not expose the file to require.resolve).
  const bin = path.join(REPO, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [bin, 'build'], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** One `coditect export-dedup --yes --json --no-git` over a bench home, timed, its peak memory measured. */
export function runCliImport(home: string, root: string, memory: string): CliImport {
  const args = [
    '--require',
    THREAD_CPU,
    CLI,
    'export-dedup',
    '--root',
    root,
    '--memory',
    memory,
    '--yes',
    '--json',
    '--no-git',
  ];
  const r = runNodeTimed(args, { cwd: root, env: { ...process.env, HOME: home } });
  if (r.status !== 0) throw new Error(`the import failed (exit ${r.status}): ${r.stderr}`);
  const summary = JSON.parse(r.stdout) as { counts: CliImport['counts']; files: unknown[] };
  return {
    ms: r.ms,
    maxRssBytes: r.maxRssBytes,
    counts: summary.counts,
    files: summary.files.length,
    steps: stepDurations(fs.readFileSync(memoryLayout(memory).logFile, 'utf8')),
    cpu: r.cpuMs === null ? null : { totalMs: r.cpuMs, pipelineMs: mainThreadCpuMs(r.stderr) },
  };
}

function mainThreadCpuMs(stderr: string): number | null {
  const m = /^bench-thread-cpu main (\d+)$/m.exec(stderr);
  return m ? Number(m[1]) : null;
}

/** "CPU 21.4 s (1.6 cores busy over the run); the pipeline's thread 11.2 s of it". */
export function describeCpu(run: CliImport): string {
  if (!run.cpu) return 'CPU not measured (no GNU time)';
  const { totalMs, pipelineMs } = run.cpu;
  const busy = `CPU ${(totalMs / 1000).toFixed(1)} s, all threads (${(totalMs / run.ms).toFixed(2)} cores busy over the run)`;
  return pipelineMs === null
    ? busy
    : `${busy}; the pipeline's thread ${(pipelineMs / 1000).toFixed(1)} s of it`;
}

/** Each step's duration from the log lines `[<step>] succeeded: … duration_ms=N` (the last run's). */
export function stepDurations(log: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of log.matchAll(/\[(\w+)\] (?:succeeded|failed)\b.* duration_ms=(\d+)/g))
    out[m[1]!] = Number(m[2]);
  return out;
}
