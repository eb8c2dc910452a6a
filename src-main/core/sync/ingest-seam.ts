import fs from 'node:fs';
import { reindex } from '../memory/reindex';
import { storeTotals } from '../memory/queries';
import { MemoryStore } from '../memory/store';
import type { MemoryLayout } from '../workspace/memory-layout';

export interface IngestCounts {
  checkpointsAdded: number;
  messagesAdded: number;
}

/**
 * Brings what a sync pulled into the local index. The seam exists because the incremental
 * import (memory/ingest-tracked.ts, `ingestTrackedMemory(store, layout)`) comes with the
 * write-once memory layout; until it is wired, the full reindex does the job.
 */
export type IngestArrived = (layout: MemoryLayout) => Promise<IngestCounts>;

/** Wraps a store-based ingest (`ingestTrackedMemory`) as the seam: opens the index, closes it. */
export function withStore(fn: (store: MemoryStore, layout: MemoryLayout) => IngestCounts): IngestArrived {
  return async (layout) => {
    const store = MemoryStore.open(layout.storeFile);
    try {
      return fn(store, layout);
    } finally {
      store.close();
    }
  };
}

/** The default: rebuild the index from the tracked files, counting what it gained. */
export const reindexIngest: IngestArrived = async (layout) => {
  const before = totals(layout);
  const report = await reindex(layout);
  return {
    checkpointsAdded: Math.max(0, report.checkpoints - before.checkpoints),
    messagesAdded: Math.max(0, report.messages - before.messages),
  };
};

function totals(layout: MemoryLayout): { checkpoints: number; messages: number } {
  if (!fs.existsSync(layout.storeFile)) return { checkpoints: 0, messages: 0 };
  const store = MemoryStore.open(layout.storeFile, { readonly: true });
  try {
    const t = storeTotals(store);
    return { checkpoints: t.checkpoints, messages: t.globalUniqueMessages };
  } finally {
    store.close();
  }
}
