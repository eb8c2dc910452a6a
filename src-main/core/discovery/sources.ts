import path from 'node:path';
import { memoryLayout } from '../workspace/memory-layout';
import type { DiscoveryOptions, DiscoverySource } from './types';

/** The temp directory is shared by every program; only recent files there can be ours. */
export const TEMP_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * Where exports and transcripts are looked for, in order of preference: when one file is
 * reached from two sources, the earlier source names it. Directories that do not exist are
 * listed anyway; `discover` treats a missing source as empty, not as a problem.
 */
export function defaultSources(o: DiscoveryOptions): DiscoverySource[] {
  const excludeDirs = appArtifactDirs(o.memoryDir);
  const sources: DiscoverySource[] = [
    { name: 'projects-root', dir: path.resolve(o.root), recursive: true, excludeDirs },
    // The memory dir may sit outside the root.
    { name: 'memory', dir: path.resolve(o.memoryDir), recursive: true, excludeDirs },
    { name: 'cwd', dir: path.resolve(o.cwd), recursive: false, excludeDirs },
    { name: 'downloads', dir: path.join(o.home, 'Downloads'), recursive: false },
    { name: 'desktop', dir: path.join(o.home, 'Desktop'), recursive: false },
    ...(o.exportLocations ?? []).map((dir): DiscoverySource => ({
      name: 'export-location',
      dir: path.resolve(expandHome(dir, o.home)),
      recursive: false,
    })),
  ];
  if (o.includeTemp)
    sources.push({ name: 'temp', dir: path.resolve(o.tmpdir), recursive: false, maxAgeMs: TEMP_MAX_AGE_MS });
  if (o.includeTranscripts) {
    for (const dir of transcriptDirs(o.home, o.env))
      sources.push({ name: 'transcripts', dir, recursive: true });
  }
  return sources;
}

/**
 * What the app itself writes in and beside MEMORY-CONTEXT. A checkpoint document quotes
 * conversations (often with pasted Claude Code output), so it can read like an export; taken
 * for one, it would be imported and then moved into `exports-archive`, out of git. These are
 * never user exports, so they are never entered. (`exports-archive` is also a skipped name.)
 */
function appArtifactDirs(memoryDir: string): string[] {
  const m = memoryLayout(memoryDir);
  const legacyCheckpoints = path.join(path.dirname(m.root), 'CHECKPOINTS');
  return [m.checkpointsDir, m.dedupStateDir, m.localDir, m.exportsArchiveDir, legacyCheckpoints];
}

/** Claude Code's transcript folders: the classic one, the XDG one, and `$CLAUDE_CONFIG_DIR`. */
export function transcriptDirs(home: string, env: NodeJS.ProcessEnv): string[] {
  const dirs = [path.join(home, '.claude', 'projects'), path.join(home, '.config', 'claude', 'projects')];
  const custom = env.CLAUDE_CONFIG_DIR?.trim();
  if (custom) dirs.push(path.join(expandHome(custom, home), 'projects'));
  return [...new Set(dirs.map((d) => path.resolve(d)))];
}

/** Shells expand `~` only at word starts; a value set in a config file may still carry it. */
function expandHome(p: string, home: string): string {
  if (p === '~') return home;
  return p.startsWith('~/') || p.startsWith('~\\') ? path.join(home, p.slice(2)) : p;
}
