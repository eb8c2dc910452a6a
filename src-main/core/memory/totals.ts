import { connection } from './connection';
import type { ReadStore } from './store';

/** What the index holds: the sources, the distinct messages. */
export interface ContentCounts {
  exports: number;
  transcripts: number;
  globalUniqueMessages: number;
}

export interface StoreTotals extends ContentCounts {
  checkpoints: number;
  occurrences: number;
  pendingImports: number;
}

/** Every import's messages read and duplicates found, summed over the index's history. */
export interface ImportTotals {
  read: number;
  dup: number;
}

function count(store: ReadStore, sql: string): number {
  return connection(store).prepare(sql).pluck().get() as number;
}

export function contentCounts(store: ReadStore): ContentCounts {
  return {
    exports: count(store, "SELECT COUNT(*) FROM sources WHERE kind = 'export'"),
    transcripts: count(store, "SELECT COUNT(*) FROM sources WHERE kind = 'transcript'"),
    globalUniqueMessages: count(store, 'SELECT COUNT(*) FROM messages'),
  };
}

export function storeTotals(store: ReadStore): StoreTotals {
  const { exports, transcripts, globalUniqueMessages } = contentCounts(store);
  return {
    exports,
    transcripts,
    checkpoints: count(store, "SELECT COUNT(*) FROM checkpoints WHERE status = 'written'"),
    globalUniqueMessages,
    occurrences: count(store, 'SELECT COUNT(*) FROM occurrences'),
    pendingImports: count(store, 'SELECT COUNT(*) FROM source_imports WHERE checkpoint_id IS NULL'),
  };
}

export function importTotals(store: ReadStore): ImportTotals {
  return connection(store)
    .prepare('SELECT COALESCE(SUM(read_count),0) read, COALESCE(SUM(dup_count),0) dup FROM source_imports')
    .get() as ImportTotals;
}
