import { execFileSync } from 'node:child_process';
import { runNodeTimed } from './timed-process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The peer the issue names: a TypeScript reader of the same transcripts (parses and sums tokens). */
export const PEER = 'ccusage@18.0.11';

export interface PeerRun {
  ms: number;
  maxRssBytes: number;
  /** User + system, all threads (GNU time). */
  cpuMs: number | null;
}

/**
 * Installs the peer once into a cache folder from the npm registry (what `npx` would do) and
 * returns its entry, or why it is not measured (no registry, no npm). Timing the installed
 * entry leaves npx's own start-up out of the peer's figure.
 */
export function installPeer(
  cacheDir = path.join(os.homedir(), '.cache', 'coditect-bench'),
): string | { notMeasured: string } {
  const dir = path.join(cacheDir, PEER.replace('@', '-'));
  const entry = path.join(dir, 'node_modules', 'ccusage', 'dist', 'index.js');
  if (fs.existsSync(entry)) return entry;
  try {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', '--no-save', PEER], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 120_000,
    });
  } catch (err) {
    return { notMeasured: `not measured: ${PEER} could not be installed (${firstLine(err)})` };
  }
  return fs.existsSync(entry) ? entry : { notMeasured: `not measured: ${PEER} has no dist/index.js` };
}

/**
 * `ccusage daily --json --offline` over `home/.claude` (its default data folder), timed, with its
 * peak memory from GNU time (`/usr/bin/time -f %M`: the child's maximum resident set).
 */
export function runPeer(entry: string, home: string): PeerRun | { notMeasured: string } {
  if (!fs.existsSync('/usr/bin/time')) return { notMeasured: 'not measured: /usr/bin/time is missing' };
  const env = { ...process.env, HOME: home, CLAUDE_CONFIG_DIR: path.join(home, '.claude') };
  const r = runNodeTimed([entry, 'daily', '--json', '--offline'], { env });
  if (r.status !== 0 || r.maxRssBytes === null)
    return { notMeasured: `not measured: ${PEER} failed (${firstLine(r.stderr)})` };
  // It must have read the transcripts: an empty report would time nothing.
  const totals = (JSON.parse(r.stdout) as { totals?: { totalTokens?: number } }).totals;
  if (!totals?.totalTokens) return { notMeasured: `not measured: ${PEER} found no usage in the corpus` };
  return { ms: r.ms, maxRssBytes: r.maxRssBytes, cpuMs: r.cpuMs };
}

function firstLine(x: unknown): string {
  const s = x instanceof Error ? x.message : String(x ?? '');
  return s.trim().split('\n')[0]!.slice(0, 200);
}
