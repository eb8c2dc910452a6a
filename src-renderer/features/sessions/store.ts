/** Claude Code sessions by project, and the open session's thread (paged, in thread order). */
import { create } from 'zustand';
import { call } from '../../bridge';
import type { SessionItem, ThreadNode } from '../../bridge/types';
import { idle, reload, type Resource } from '../../ui/resource';
import type { LocateTarget } from '../messages/locate';
import { createLocator, NOT_LOCATING, scanForHit, type LocateState } from '../messages/locate-store';
import { PagedRows } from '../messages/paged';
import { ANYONE, whoWhereRequest, type WhoWhere } from '../who-where/who-where';

const THREAD_PAGE = 500;
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
  locate: NOT_LOCATING,
}));

const set = useSessions.setState;
const get = useSessions.getState;

let listSeq = 0;
export async function loadSessions(who = get().who): Promise<void> {
  const seq = ++listSeq;
  await reload(
    { get: () => get().list, put: (list) => set({ list }) },
    () => call('sessions:list', whoWhereRequest(who)),
    () => seq !== listSeq,
  );
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
  set({ selectedId: sessionId, thread, locate: NOT_LOCATING });
}

const putLocate = (locate: LocateState): void => set({ locate });
const locator = createLocator(putLocate);

export async function locateInThread(target: LocateTarget): Promise<void> {
  const thread = get().thread;
  if (!thread) return;
  const mine = locator.begin(target.hash);
  await scanForHit(thread, target, LOCATE_BLOCK, () => mine() && get().thread === thread, putLocate);
}

export function clearThreadLocate(): void {
  locator.clear();
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
