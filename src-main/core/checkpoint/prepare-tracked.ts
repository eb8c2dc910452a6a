import type { MemoryStore } from '../memory/store';
import { ingestTrackedMemory } from '../memory/ingest-tracked';
import type { MemoryLayout } from '../workspace/memory-layout';
import { readMemoryFormat } from './memory-format';
import { migrateLegacyMemory } from './migrate-v1';
import { MEMORY_FORMAT } from './tracked-format';
import { removeStaleFolders } from './write-tracked';

/** The commit title of a run whose only change is the conversion of the memory's format. */
export const MIGRATION_TITLE = `Memory converted to format ${MEMORY_FORMAT}`;

/**
 * Before a run writes anything: refuse a memory from a newer CODITECT, convert one from the
 * format before, clear an interrupted folder write, and index the checkpoints other machines
 * made (what a `git pull` brought since the last run).
 */
export async function prepareTrackedMemory(
  store: MemoryStore,
  layout: MemoryLayout,
  home?: string,
): Promise<{ migrated: string[]; summary: string; problems: string[] }> {
  readMemoryFormat(layout);
  const migration = await migrateLegacyMemory(layout, home);
  removeStaleFolders(layout.checkpointStateDir);
  const problems: string[] = [];
  const ingested = ingestTrackedMemory(store, layout, problems, home);
  let summary = '';
  if (migration.converted)
    summary += `; memory converted to format ${MEMORY_FORMAT} (${migration.converted} checkpoints)`;
  if (ingested.checkpointsAdded)
    summary += `; ${ingested.checkpointsAdded} checkpoints from elsewhere indexed (${ingested.messagesAdded} new messages)`;
  if (problems.length)
    summary += `; ${problems.length} checkpoint(s) could not be indexed: ${problems.join('; ')}`;
  return { migrated: migration.paths, summary, problems };
}
