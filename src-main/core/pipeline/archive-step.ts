import fs from 'node:fs';
import {
  archiveCopy,
  archiveImportedExports,
  exportsAwaitingArchive,
  type ArchiveResult,
} from '../checkpoint/archive-exports';
import {
  decideDispositions,
  dropZones,
  type ArchiveMode,
  type Disposition,
} from '../checkpoint/archive-policy';
import type { MemoryStore } from '../memory/store';
import type { FileResult } from './file-result';

export interface ArchiveStepOptions {
  home: string;
  tmpdir: string;
  memoryDir: string;
  exportLocations?: string[];
  /** Default `move`. */
  archiveMode?: ArchiveMode;
}

/** Where git or the file could not be judged: the safe answer is to leave the original alone. */
const NOT_JUDGED: Disposition = { action: 'copy', reason: 'could not be checked; left where it is' };

/**
 * The exports of the import (and any a crashed run left) into the archive: moved when the
 * policy says they are the user's exports in a drop zone, else copied and left in place; and
 * the second copies of exports already imported, moved or left the same way.
 */
export async function archiveExports(
  store: MemoryStore,
  archiveDir: string,
  files: readonly FileResult[],
  o: ArchiveStepOptions,
): Promise<ArchiveResult[]> {
  const copies = duplicatesOf(files);
  const policy = { mode: o.archiveMode ?? 'move', dropZones: dropZones(o) };
  const decided = await decideDispositions(
    [...exportsAwaitingArchive(store), ...copies.map((c) => c.path)],
    policy,
  );
  const dispositionOf = (f: string) => decided.get(f) ?? NOT_JUDGED;
  const results = archiveImportedExports(store, archiveDir, dispositionOf);
  for (const c of copies) results.push(archiveCopy(c.path, c.sameAs, archiveDir, dispositionOf(c.path)));
  return results;
}

/** Copies of exports already imported from elsewhere, still there. */
function duplicatesOf(files: readonly FileResult[]): { path: string; sameAs: string }[] {
  return files.flatMap((f) =>
    f.status === 'already-imported' && f.path !== f.sameAs && fs.existsSync(f.path)
      ? [{ path: f.path, sameAs: f.sameAs }]
      : [],
  );
}
