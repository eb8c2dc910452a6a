/** Checkpoints: the filtered list, the open checkpoint, its messages (paged) and the git state. */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { CheckpointDetail, CheckpointItem, MessageRow, RepoStatus } from '../../bridge/types';
import { fromResult, idle, loading, type Resource } from '../../ui/resource';
import { PagedRows } from '../messages/paged';
import type { LocateTarget } from '../messages/locate';
import { ANYONE, whoWhereRequest, type WhoWhere } from '../who-where/who-where';

export const MESSAGE_PAGE = 200;
const LOCATE_BLOCK = 1000;

export type LocateState =
  | { status: 'none' }
  | { status: 'locating'; hash: string; scanned?: number }
  | { status: 'found'; hash: string; index: number }
  | { status: 'not-found'; hash: string };

interface CheckpointsState {
  filter: string;
  who: WhoWhere;
  list: Resource<CheckpointItem[]>;
  selectedId: string | null;
  detail: Resource<CheckpointDetail>;
  messages: PagedRows<MessageRow> | null;
  repos: Resource<RepoStatus[]>;
  locate: LocateState;
}

export const useCheckpoints = create<CheckpointsState>()(() => ({
  filter: '',
  who: ANYONE,
  list: idle,
  selectedId: null,
  detail: idle,
  messages: null,
  repos: idle,
  locate: { status: 'none' },
}));

const set = useCheckpoints.setState;
const get = useCheckpoints.getState;

let listSeq = 0;
export async function loadCheckpoints(filter = get().filter, who = get().who): Promise<void> {
  const seq = ++listSeq;
  set((s) => ({ list: loading(s.list) }));
  const f = filter.trim();
  const r = await call('checkpoints:list', { ...(f ? { filter: f } : {}), ...whoWhereRequest(who) });
  if (seq !== listSeq) return;
  // Newest first, whatever order the store keeps them in.
  const sorted = r.ok
    ? { ok: true as const, value: [...r.value].sort((a, b) => b.createdAt.localeCompare(a.createdAt)) }
    : r;
  set((s) => ({ list: fromResult(sorted, s.list.status === 'loading' ? s.list.previous : undefined) }));
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
    locate: { status: 'none' },
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
  if (get().repos.status === 'idle') void loadRepos();
}

export async function loadRepos(): Promise<void> {
  set((s) => ({ repos: loading(s.repos) }));
  const r = await call('repos:list');
  set({ repos: fromResult(r) });
}

let locateSeq = 0;
/** Scrolls the open checkpoint to a message found by search. */
export async function locateMessage(target: LocateTarget): Promise<void> {
  const seq = ++locateSeq;
  const paged = get().messages;
  if (!paged) return;
  set({ locate: { status: 'locating', hash: target.hash } });
  const id = get().selectedId;
  // The main process knows the position from its index; the page scan is for a host without it.
  const located = id ? await call('checkpoints:locate', { id, hash: target.hash }) : null;
  if (seq !== locateSeq || get().messages !== paged) return;
  if (located?.ok) {
    const index = located.value.index;
    set({
      locate:
        index === null
          ? { status: 'not-found', hash: target.hash }
          : { status: 'found', hash: target.hash, index },
    });
    return;
  }
  const index = await paged.locate(
    target,
    LOCATE_BLOCK,
    () => seq !== locateSeq || get().messages !== paged,
    (scanned) => {
      if (seq === locateSeq) set({ locate: { status: 'locating', hash: target.hash, scanned } });
    },
  );
  if (seq !== locateSeq || get().messages !== paged) return;
  set({
    locate:
      index >= 0 ? { status: 'found', hash: target.hash, index } : { status: 'not-found', hash: target.hash },
  });
}

export function clearLocate(): void {
  locateSeq++;
  set({ locate: { status: 'none' } });
}
