import { CheckpointReader } from '../../core/memory/checkpoints';
import type { ReadStore } from '../../core/memory/store';
import { importTotals, storeTotals } from '../../core/memory/totals';
import { dedupRate } from '../../core/model';
import type { ResponseOf } from '../contract';
import type { HandlerDeps, Impls } from './types';

type Summary = ResponseOf<'dashboard:summary'>;

export function dashboardHandlers({ ctx, pipeline }: HandlerDeps): Impls<'dashboard:summary'> {
  return {
    'dashboard:summary': () => ({
      ...ctx.store.read(fromStore, () => ({ totals: EMPTY_TOTALS, perCheckpoint: [] })),
      lastRun: pipeline.lastSummary(),
    }),
  };
}

function fromStore(store: ReadStore): Omit<Summary, 'lastRun'> {
  const t = storeTotals(store);
  const imported = importTotals(store);
  const counts = { read: imported.read, newUnique: 0, duplicates: imported.dup };
  return {
    totals: {
      exports: t.exports,
      transcripts: t.transcripts,
      checkpoints: t.checkpoints,
      globalUniqueMessages: t.globalUniqueMessages,
      messagesRead: imported.read,
      duplicates: imported.dup,
      dedupRate: dedupRate(counts),
    },
    perCheckpoint: new CheckpointReader(store)
      .list()
      .filter((c) => c.status === 'written')
      .map((c) => ({ id: c.id, createdAt: c.created_at, newUnique: c.new_count, duplicates: c.dup_count })),
  };
}

const EMPTY_TOTALS: Summary['totals'] = {
  exports: 0,
  transcripts: 0,
  checkpoints: 0,
  globalUniqueMessages: 0,
  messagesRead: 0,
  duplicates: 0,
  dedupRate: 0,
};
