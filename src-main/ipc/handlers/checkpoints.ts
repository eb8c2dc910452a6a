import {
  CheckpointReader,
  type CheckpointRow,
  type CheckpointSourceRow,
} from '../../core/memory/checkpoints';
import { matchesWhoWhere } from '../../core/checkpoint/who-where';
import { checkpointMessageIndex, checkpointMessages } from '../../core/memory/checkpoint-messages';
import type { ReadStore } from '../../core/memory/store';
import type { ResponseOf } from '../contract';
import { notFound } from '../errors';
import type { HandlerDeps, Impls } from './types';

type Item = ResponseOf<'checkpoints:list'>[number];
type Source = ResponseOf<'checkpoints:get'>['sources'][number];

export function checkpointHandlers({
  ctx,
}: HandlerDeps): Impls<
  'checkpoints:list' | 'checkpoints:get' | 'checkpoints:messages' | 'checkpoints:locate'
> {
  return {
    'checkpoints:list': (req) =>
      ctx.store.read(
        (store) =>
          filterItems(
            new CheckpointReader(store)
              .list()
              .filter((c) => matchesWhoWhere(c, req ?? {}))
              .map(toItem),
            req?.filter,
          ),
        () => [],
      ),
    'checkpoints:get': ({ id }) => ctx.store.read((store) => detail(store, id), missing(id)),
    'checkpoints:messages': ({ id, offset, limit }) =>
      ctx.store.read((store) => {
        if (!new CheckpointReader(store).exists(id)) return missing(id)();
        return checkpointMessages(store, id, offset, limit);
      }, missing(id)),
    'checkpoints:locate': ({ id, hash }) =>
      ctx.store.read((store) => {
        if (!new CheckpointReader(store).exists(id)) return missing(id)();
        return { index: checkpointMessageIndex(store, id, hash) };
      }, missing(id)),
  };
}

function detail(store: ReadStore, id: string): ResponseOf<'checkpoints:get'> {
  const repo = new CheckpointReader(store);
  const row = repo.get(id);
  if (!row) return missing(id)();
  return { ...toItem(row), sources: repo.sourcesOf(id).map(toSource), messageCount: repo.messageCount(id) };
}

/** Case-insensitive match on the title or the id (which holds the date). */
function filterItems(items: Item[], filter: string | undefined): Item[] {
  const f = filter?.trim().toLowerCase();
  return f ? items.filter((i) => i.title.toLowerCase().includes(f) || i.id.toLowerCase().includes(f)) : items;
}

function toItem(c: CheckpointRow): Item {
  return {
    id: c.id,
    title: c.title,
    createdAt: c.created_at,
    document: c.document,
    status: c.status,
    counts: { read: c.read_count, newUnique: c.new_count, duplicates: c.dup_count },
    redactions: c.redactions,
    author: c.author,
    machine: c.machine,
  };
}

function toSource(s: CheckpointSourceRow): Source {
  return {
    kind: s.kind,
    name: s.name,
    path: s.path,
    project: s.project,
    archivedAs: s.archive_path,
    counts: { read: s.read_count, newUnique: s.new_count, duplicates: s.dup_count },
  };
}

function missing(id: string): () => never {
  return () => {
    throw notFound('id', `no checkpoint ${id}`);
  };
}
