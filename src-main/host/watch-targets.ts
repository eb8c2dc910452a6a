import path from 'node:path';
import { transcriptDirs } from '../core/discovery/sources';
import { isSkippedDirName } from '../core/discovery/skip-dirs';
import type { Workspace } from '../core/workspace/resolve-workspace';
import { exportLocations } from '../ipc/roots';

export interface WatchTarget {
  dir: string;
  /** Levels of subfolders watched (0 = the folder's own files). */
  depth: number;
  role: 'export' | 'transcript';
}

/**
 * Where new exports and transcripts appear. The projects root is watched shallowly (exports
 * are saved at a repository's top, not deep in its sources); inotify watches are a limited
 * resource and a full tree can hold hundreds of thousands of folders.
 */
export function watchTargets(ws: Workspace): WatchTarget[] {
  return [
    ...exportLocations(ws).map((dir) => ({ dir, depth: 0, role: 'export' as const })),
    { dir: ws.root, depth: 2, role: 'export' },
    { dir: ws.layout.root, depth: 1, role: 'export' },
    // <projects>/<encoded cwd>/<session>/subagents/agent-*.jsonl
    ...transcriptDirs(ws.home, ws.env).map((dir) => ({ dir, depth: 3, role: 'transcript' as const })),
  ];
}

/**
 * Not watched: hidden entries (`.git`, the memory's `.local` with the index and the log),
 * the folders discovery skips (`node_modules`, `exports-archive`, …).
 */
export function isIgnored(target: WatchTarget, file: string): boolean {
  const rel = path.relative(target.dir, file);
  if (rel === '') return false;
  return rel.split(path.sep).some((part) => part.startsWith('.') || isSkippedDirName(part));
}
