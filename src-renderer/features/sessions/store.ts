/** Claude Code sessions by project, and the open session's thread (paged, in thread order). */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { SessionItem, ThreadNode } from '../../bridge/types';
import { fromResult, idle, loading, type Resource } from '../../ui/resource';
import type { LocateTarget } from '../messages/locate';
import { PagedRows } from '../messages/paged';
import type { LocateState } from '../checkpoints/store';
import { ANYONE, whoWhereRequest, type WhoWhere } from '../who-where/who-where';

export const THREAD_PAGE = 500;
const LOCATE_BLOCK = 5000;

interface SessionsState {
  list: Resource<SessionItem[]>;
  filter: string;
  who: WhoWhere;
  selectedId: string | null;
  thread: PagedRows<ThreadNode> | null;
  locate: LocateState;
}

export const useSessions = create<SessionsState>()(() => ({
  list: idle,
  filter: '',
  who: ANYONE,
  selectedId: null,
  thread: null,
  locate: { status: 'none' },
}));

const set = useSessions.setState;
const get = useSessions.getState;

let listSeq = 0;
export async function loadSessions(who = get().who): Promise<void> {
  const seq = ++listSeq;
  set((s) => ({ list: loading(s.list) }));
  const r = await call('sessions:list', whoWhereRequest(who));
  if (seq !== listSeq) return;
  set((s) => ({ list: fromResult(r, s.list.status === 'loading' ? s.list.previous : undefined) }));
}

export function setSessionsWho(patch: Partial<WhoWhere>): void {
  set((s) => ({ who: { ...s.who, ...patch } }));
}

export function setSessionFilter(filter: string): void {
  set({ filter });
}

export function openSession(sessionId: string | null): void {
  get().thread?.dispose();
  const thread = sessionId
    ? new PagedRows<ThreadNode>(
        (offset, limit) => call('sessions:thread', { sessionId, offset, limit }),
        THREAD_PAGE,
        null,
      )
    : null;
  set({ selectedId: sessionId, thread, locate: { status: 'none' } });
}

let locateSeq = 0;
export async function locateInThread(target: LocateTarget): Promise<void> {
  const seq = ++locateSeq;
  const thread = get().thread;
  if (!thread) return;
  set({ locate: { status: 'locating', hash: target.hash } });
  const index = await thread.locate(
    target,
    LOCATE_BLOCK,
    () => seq !== locateSeq || get().thread !== thread,
    (scanned) => {
      if (seq === locateSeq) set({ locate: { status: 'locating', hash: target.hash, scanned } });
    },
  );
  if (seq !== locateSeq || get().thread !== thread) return;
  set({
    locate:
      index >= 0 ? { status: 'found', hash: target.hash, index } : { status: 'not-found', hash: target.hash },
  });
}

export function clearThreadLocate(): void {
  locateSeq++;
  set({ locate: { status: 'none' } });
}

export interface ProjectGroup {
  project: string;
  sessions: SessionItem[];
  lastAt: string;
}

/** Sessions grouped by project, the most recently active project first. */
export function groupByProject(items: SessionItem[], filter = ''): ProjectGroup[] {
  const f = filter.trim().toLowerCase();
  const groups = new Map<string, SessionItem[]>();
  for (const s of items) {
    const project = s.project ?? '(no project)';
    if (
      f &&
      !project.toLowerCase().includes(f) &&
      !s.sessionId.toLowerCase().includes(f) &&
      !(s.title ?? '').toLowerCase().includes(f) &&
      !(s.gitBranch ?? '').toLowerCase().includes(f)
    )
      continue;
    const g = groups.get(project);
    if (g) g.push(s);
    else groups.set(project, [s]);
  }
  return [...groups.entries()]
    .map(([project, sessions]) => {
      sessions.sort((a, b) => (b.lastAt ?? '').localeCompare(a.lastAt ?? ''));
      return { project, sessions, lastAt: sessions[0]?.lastAt ?? '' };
    })
    .sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}
