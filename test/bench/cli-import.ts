import { execFileSync } from 'node:child_process';
import { runNodeTimed } from './timed-process';
import fs from 'node:fs';
import path from 'node:path';
import { memoryLayout } from '../../src-main/core/workspace/memory-layout';

const REPO = path.resolve(__dirname, '..', '..');
const CLI = path.join(REPO, 'out', 'main', 'cli.js');

export interface CliImport {
  ms: number;
  /** From GNU time (`%M`), the whole process with its worker threads; null without /usr/bin/time. */
  maxRssBytes: number | null;
  counts: { read: number; newUnique: number; duplicates: number };
  files: number;
  steps: Record<string, number>;
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
  const args = [CLI, 'export-dedup', '--root', root, '--memory', memory, '--yes', '--json', '--no-git'];
  const r = runNodeTimed(args, { cwd: root, env: { ...process.env, HOME: home } });
  if (r.status !== 0) throw new Error(`the import failed (exit ${r.status}): ${r.stderr}`);
  const summary = JSON.parse(r.stdout) as { counts: CliImport['counts']; files: unknown[] };
  return {
    ms: r.ms,
    maxRssBytes: r.maxRssBytes,
    counts: summary.counts,
    files: summary.files.length,
    steps: stepDurations(fs.readFileSync(memoryLayout(memory).logFile, 'utf8')),
  };
}

/** Each step's duration from the log lines `[<step>] succeeded: … duration_ms=N` (the last run's). */
export function stepDurations(log: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of log.matchAll(/\[(\w+)\] (?:succeeded|failed)\b.* duration_ms=(\d+)/g))
    out[m[1]!] = Number(m[2]);
  return out;
}
