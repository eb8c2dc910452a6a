import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateCorpus, heavyCorpusOptions } from '../helpers/corpus';
import { runCliImport, type CliImport } from './cli-import';
import { installPeer, runPeer, type PeerRun } from './peer-bench';

/** A bench home: `~/PROJECTS` with the memory, `~/.claude/projects` with the transcripts. */
export interface BenchHome {
  home: string;
  root: string;
  memory: string;
  /** Every input file, for the baselines. */
  files: string[];
  bytes: number;
}

export interface HeavyRun {
  corpus: BenchHome;
  /** Median of three `sha256sum` passes over the same files, before the import moves them. */
  shaMs: number;
  run: CliImport;
}

/**
 * The message-heavy corpus (~500-byte messages, many files) generated at `scale` into its own
 * home under `dir`, exports in the memory's inbox; `exports: false` leaves only the transcripts.
 */
export function heavyHome(dir: string, scale: number, opts: { exports: boolean }): BenchHome {
  const o = heavyCorpusOptions(scale);
  const corpus = generateCorpus(path.join(dir, 'gen'), opts.exports ? o : { ...o, exportFiles: 0 });
  const home = path.join(dir, 'home');
  const root = path.join(home, 'PROJECTS');
  const memory = path.join(root, 'master', 'MEMORY-CONTEXT');
  fs.mkdirSync(memory, { recursive: true });
  fs.mkdirSync(path.join(home, '.claude'), { recursive: true });
  const inbox = path.join(memory, 'inbox');
  fs.renameSync(path.join(dir, 'gen', 'exports'), inbox);
  fs.renameSync(path.join(dir, 'gen', 'claude', 'projects'), path.join(home, '.claude', 'projects'));
  const files = [
    ...fs.readdirSync(inbox).map((f) => path.join(inbox, f)),
    ...corpus.transcripts.map((t) => t.replace(path.join(dir, 'gen', 'claude'), path.join(home, '.claude'))),
  ];
  return { home, root, memory, files, bytes: corpus.bytes };
}

export function sha256sumMs(files: string[]): number {
  const t0 = performance.now();
  for (let i = 0; i < files.length; i += 200)
    execFileSync('sha256sum', files.slice(i, i + 200), { stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - t0;
}

export function medianOf(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Generates, settles the disk, takes the baseline, imports with the bundled CLI. */
export function heavyImport(dir: string, scale: number): HeavyRun {
  const corpus = heavyHome(dir, scale, { exports: true });
  execFileSync('sync');
  const shaMs = medianOf([0, 1, 2].map(() => sha256sumMs(corpus.files)));
  return { corpus, shaMs, run: runCliImport(corpus.home, corpus.root, corpus.memory) };
}

export interface PeerComparison {
  corpus: BenchHome;
  ours: CliImport;
  /** The peer's run on the same transcripts, or why it was not measured. */
  peer: PeerRun | { notMeasured: string };
}

/**
 * JSONL transcripts only, read by the peer (`ccusage daily --json --offline`) and by our import:
 * the same files, just written, so both read them from the page cache.
 */
export function peerComparison(dir: string, scale: number): PeerComparison {
  const corpus = heavyHome(dir, scale, { exports: false });
  execFileSync('sync');
  const entry = installPeer();
  const peer = typeof entry === 'string' ? runPeer(entry, corpus.home) : entry;
  const ours = runCliImport(corpus.home, corpus.root, corpus.memory);
  return { corpus, ours, peer };
}
