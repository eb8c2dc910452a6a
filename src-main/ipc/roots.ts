import path from 'node:path';
import { transcriptDirs } from '../core/discovery/sources';
import { expandHome, type Workspace } from '../core/workspace/resolve-workspace';

/** Where exports land: the user's extra locations, Downloads and Desktop. */
export function exportLocations(ws: Workspace): string[] {
  const extra = ws.settings.exportLocations.map((p) => path.resolve(expandHome(p, ws.home)));
  return [...new Set([...extra, path.join(ws.home, 'Downloads'), path.join(ws.home, 'Desktop')])];
}

/** Every folder a path from the renderer may point into. */
export function allowedRoots(ws: Workspace): string[] {
  return [ws.root, ws.layout.root, ...exportLocations(ws), ...transcriptDirs(ws.home, ws.env)];
}
