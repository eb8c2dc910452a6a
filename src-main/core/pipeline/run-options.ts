import type { DiscoveryOptions } from '../discovery/types';
import type { Workspace } from '../workspace/resolve-workspace';
import type { ExportDedupOptions } from './export-dedup';

/** Where the process runs: its working folder and its temp folder (both searched for exports). */
export interface RunPlace {
  cwd: string;
  tmpdir: string;
}

/** What a run takes from the workspace; each caller adds its own choices (flags, the Run button). */
export type WorkspaceRunOptions = Omit<DiscoveryOptions, 'includeTemp' | 'includeTranscripts'> &
  Required<Pick<ExportDedupOptions, 'exportLocations' | 'archiveMode'>>;

/**
 * The fields the CLI, the app (its runs and its list of pending files) and the bench give every run, read from the resolved
 * workspace in one place so they cannot drift. `env` is a plain copy: a worker thread gets
 * it by structured clone, which `process.env` does not survive as itself.
 */
export function workspaceRunOptions(ws: Workspace, place: RunPlace): WorkspaceRunOptions {
  return {
    root: ws.root,
    memoryDir: ws.layout.root,
    cwd: place.cwd,
    home: ws.home,
    tmpdir: place.tmpdir,
    env: { ...ws.env },
    exportLocations: ws.settings.exportLocations,
    archiveMode: ws.settings.archiveMode,
  };
}
