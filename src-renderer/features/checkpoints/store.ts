/** Checkpoints: the filtered list, the open checkpoint and its messages (paged). */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { CheckpointDetail, CheckpointItem, MessageRow } from '../../bridge/types';
import { fromResult, idle, reload, type Resource } from '../../ui/resource';
import { loadRepoList, useRepos } from '../repositories/store';
import { PagedRows } from '../messages/paged';
import type { LocateTarget } from '../messages/locate';
import { ANYONE, whoWhereRequest, type WhoWhere } from '../who-where/who-where';
import {
  createLocator,
  locatedAt,
  NOT_LOCATING,
  scanForHit,
  type LocateState,
} from '../messages/locate-store';

const MESSAGE_PAGE = 200;
const LOCATE_BLOCK = 1000;

interface CheckpointsState {
  filter: string;
  who: WhoWhere;
  list: Resource<CheckpointItem[]>;
  selectedId: string | null;
  detail: Resource<CheckpointDetail>;
  messages: PagedRows<MessageRow> | null;
  locate: LocateState;
}

export const useCheckpoints = create<CheckpointsState>()(() => ({
  filter: '',
  who: ANYONE,
  list: idle,
  selectedId: null,
  detail: idle,
  messages: null,
  locate: NOT_LOCATING,
}));

const set = useCheckpoints.setState;
const get = useCheckpoints.getState;

let listSeq = 0;
export async function loadCheckpoints(filter = get().filter, who = get().who): Promise<void> {
  const seq = ++listSeq;
  const f = filter.trim();
  await reload(
    { get: () => get().list, put: (list) => set({ list }) },
    async () => {
      const r = await call('checkpoints:list', { ...(f ? { filter: f } : {}), ...whoWhereRequest(who) });
      // Newest first, whatever order the store keeps them in.
      return r.ok
        ? { ok: true, value: [...r.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) }
        : r;
    },
    () => seq !== listSeq,
  );
}

export function setFilter(filter: string): void {
  set({ filter });
}

export function setCheckpointsWho(patch: Partial<WhoWhere>): void {
  set((s) => ({ who: { ...s.who, ...patch } }));
}

let detailSeq = 0;
export async function openCheckpoint(id: string | null): Promise<void> {
  const seq = ++detailSeq;
  const prev = get().messages;
  prev?.dispose();
  set({
    selectedId: id,
    detail: id ? { status: 'loading' } : idle,
    messages: null,
    locate: NOT_LOCATING,
  });
  if (!id) return;
  const r = await call('checkpoints:get', { id });
  if (seq !== detailSeq) return;
  if (!r.ok) {
    set({ detail: fromResult(r) });
    return;
  }
  const messages = new PagedRows<MessageRow>(
    (offset, limit) => call('checkpoints:messages', { id, offset, limit }),
    MESSAGE_PAGE,
    r.value.messageCount,
  );
  set({ detail: fromResult(r), messages });
  // The git state of the memory repository shows beside the checkpoint.
  if (useRepos.getState().list.status === 'idle') void loadRepoList();
}

const putLocate = (locate: LocateState): void => set({ locate });
const locator = createLocator(putLocate);

/** Scrolls the open checkpoint to a message found by search. */
export async function locateMessage(target: LocateTarget): Promise<void> {
  const paged = get().messages;
  if (!paged) return;
  const mine = locator.begin(target.hash);
  const current = () => mine() && get().messages === paged;
  const id = get().selectedId;
  // The main process knows the position from its index; the page scan is for a host without it.
  const located = id ? await call('checkpoints:locate', { id, hash: target.hash }) : null;
  if (!current()) return;
  if (located?.ok) putLocate(locatedAt(target.hash, located.value.index));
  else await scanForHit(paged, target, LOCATE_BLOCK, current, putLocate);
}

export function clearLocate(): void {
  locator.clear();
}
