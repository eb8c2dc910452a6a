import { ingestTrackedMemory } from '../memory/ingest-tracked';
import { MemoryStore } from '../memory/store';
import type { MemoryLayout } from '../workspace/memory-layout';

export interface IngestCounts {
  checkpointsAdded: number;
  messagesAdded: number;
}

/**
 * Brings what a sync pulled into the local index: the checkpoints it does not have yet, and
 * only those (the memory's checkpoint folders are written once, so what arrived is exactly the
 * folders the index lacks). A damaged arrival is named; the others are indexed all the same.
 */
export function ingestArrived(layout: MemoryLayout): IngestCounts {
  const store = MemoryStore.open(layout.storeFile);
  try {
    const problems: string[] = [];
    const counts = ingestTrackedMemory(store, layout, problems);
    if (problems.length)
      throw new Error(
        `${problems.length} checkpoint(s) that arrived could not be indexed (${counts.checkpointsAdded} were): ${problems.join('; ')}`,
      );
    return counts;
  } finally {
    store.close();
  }
}
