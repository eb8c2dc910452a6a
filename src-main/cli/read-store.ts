import fs from 'node:fs';
import { ReadStore } from '../core/memory/store';
import { resolveContext, type WorkspaceFlags } from './cli-context';
import { UsageError } from './output';

/** Open the index read-only for a query command; a missing index is a clear message, not a crash. */
export function withReadStore<T>(flags: WorkspaceFlags, fn: (store: ReadStore) => T): T {
  const ctx = resolveContext(flags);
  if (!fs.existsSync(ctx.layout.storeFile)) {
    throw new UsageError(
      `no index at ${ctx.layout.storeFile}: run \`coditect export-dedup\` first, or \`coditect reindex\` after a clone`,
    );
  }
  const store = ReadStore.openReadOnly(ctx.layout.storeFile);
  try {
    return fn(store);
  } finally {
    store.close();
  }
}
