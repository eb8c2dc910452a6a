import { useEffect, useMemo, useRef, useSyncExternalStore, type RefObject } from 'react';
import { formatHash, navigate, useRouter, type MessageFocus } from '../../app/router-store';
import { useAppStore } from '../../app/store';
import type { SessionItem, ThreadNode } from '../../bridge/types';
import { basename, dateTime, num, plural, relative } from '../../ui/format';
import { listKeys } from '../../ui/list-keys';
import { Badge } from '../../ui/PageHeader';
import { valueOf } from '../../ui/resource';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/states';
import { MessageCard } from '../messages/MessageCard';
import type { PagedRows } from '../messages/paged';
import { VirtualMessages } from '../messages/VirtualMessages';
import { useDebounced } from '../../ui/hooks';
import { isFiltered } from '../who-where/who-where';
import { WhoWhereFields } from '../who-where/WhoWhereFields';
import {
  clearThreadLocate,
  groupByProject,
  loadSessions,
  locateInThread,
  openSession,
  setSessionFilter,
  setSessionsWho,
  useSessions,
} from './store';

export function SessionsView() {
  const route = useRouter((s) => s.route);
  const reconnects = useAppStore((s) => s.reconnects);
  const id = route.id ?? null;
  const filter = useSessions((s) => s.filter);
  const who = useSessions((s) => s.who);
  const debouncedWho = useDebounced(who, 200);

  useEffect(() => {
    void loadSessions(debouncedWho);
  }, [debouncedWho, reconnects]);
  useEffect(() => {
    openSession(id);
  }, [id, reconnects]);

  // Nothing chosen yet: open the most recent session.
  const list = useSessions((s) => s.list);
  const newest = useMemo(
    () => (list.status === 'ready' ? groupByProject(list.value)[0]?.sessions[0]?.sessionId : undefined),
    [list],
  );
  useEffect(() => {
    if (!id && newest) navigate({ view: 'sessions', id: newest }, { replace: true });
  }, [id, newest]);

  return (
    <div className="page page-split">
      <aside className="split-list" aria-labelledby="sessions-title">
        <div className="split-list-head">
          <h1 id="sessions-title" className="page-title" tabIndex={-1} data-page-title>
            Sessions
          </h1>
          <input
            type="search"
            className="input"
            placeholder="Filter by title, project, branch, id…"
            aria-label="Filter sessions"
            value={filter}
            onChange={(e) => setSessionFilter(e.target.value)}
          />
          <div className="filters filters-compact" role="group" aria-label="Who made it and where">
            <WhoWhereFields value={who} onChange={setSessionsWho} />
          </div>
        </div>
        <SessionList selectedId={id} />
      </aside>
      <ThreadPane id={id} focus={route.focus} />
    </div>
  );
}

function SessionList({ selectedId }: { selectedId: string | null }) {
  const list = useSessions((s) => s.list);
  const filter = useSessions((s) => s.filter);
  const whoFiltered = useSessions((s) => isFiltered(s.who));
  const items = valueOf(list);
  const groups = useMemo(() => groupByProject(items ?? [], filter), [items, filter]);
  if (list.status === 'error' && !items)
    return <ErrorNotice error={list.error} onRetry={() => void loadSessions()} />;
  if (!items) return <Loading label="Loading sessions…" />;
  if (items.length === 0 && whoFiltered)
    return (
      <Empty title="No session matches">
        No session has messages in a checkpoint by that author or machine.
      </Empty>
    );
  if (items.length === 0)
    return <Empty title="No sessions yet">Claude Code transcripts appear here once they are imported.</Empty>;
  if (groups.length === 0) return <Empty title="No session matches">Try another filter.</Empty>;
  return (
    <div className="split-list-scroll" onKeyDown={listKeys('a.list-item')}>
      {groups.map((g) => (
        <section key={g.project} className="group" aria-label={`Project ${g.project}`}>
          <h2 className="group-title" title={g.project}>
            {basename(g.project)} <span className="muted">({g.sessions.length})</span>
          </h2>
          <ul className="plain-list">
            {g.sessions.map((s) => (
              <li key={s.sessionId}>
                <SessionLink s={s} selected={s.sessionId === selectedId} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function SessionLink({ s, selected }: { s: SessionItem; selected: boolean }) {
  return (
    <a
      className={`list-item${selected ? ' list-item-selected' : ''}`}
      href={formatHash({ view: 'sessions', id: s.sessionId })}
      aria-current={selected ? 'page' : undefined}
    >
      <span className="list-item-title" title={`Session ${s.sessionId}`}>
        {s.title ?? <span className="muted">Untitled session {s.sessionId.slice(0, 8)}</span>}
      </span>
      <span className="list-item-meta">
        {s.gitBranch ? <code>{s.gitBranch}</code> : null}
        <span>{relative(s.lastAt) || dateTime(s.firstAt)}</span>
        <span>{num(s.messages)} msgs</span>
        {s.compactions ? <span>{s.compactions} compacted</span> : null}
        {s.subagents ? <span>{plural(s.subagents, 'subagent')}</span> : null}
      </span>
    </a>
  );
}

function ThreadPane({ id, focus }: { id: string | null; focus?: MessageFocus }) {
  const thread = useSessions((s) => s.thread);
  const locate = useSessions((s) => s.locate);
  const list = valueOf(useSessions((s) => s.list));
  const scrollRef = useRef<HTMLElement>(null);
  const session = list?.find((s) => s.sessionId === id);

  useEffect(() => {
    if (!thread) return;
    if (focus) void locateInThread(focus);
    else clearThreadLocate();
  }, [thread, focus]);

  if (!id || !thread)
    return (
      <section className="split-detail" aria-label="Session">
        <Empty title="Choose a session">
          Pick one to read its thread: compactions marked, subagents nested.
        </Empty>
      </section>
    );
  return (
    <section className="split-detail" aria-label="Session" ref={scrollRef} tabIndex={-1}>
      <div className="detail-head">
        <div className="detail-title-row">
          <h2 className="detail-title">{session?.title ?? 'Untitled session'}</h2>
        </div>
        <p className="muted small" data-testid="session-id">
          Session <code className="selectable">{id}</code>
        </p>
        {session ? (
          <p className="muted">
            {session.project ?? 'no project'}
            {session.gitBranch ? ` · ${session.gitBranch}` : ''} · {dateTime(session.firstAt)} –{' '}
            {dateTime(session.lastAt)} · {plural(session.messages, 'message')} ·{' '}
            {plural(session.compactions, 'compaction')} · {plural(session.subagents, 'subagent')}
          </p>
        ) : null}
      </div>
      {locate.status === 'locating' ? (
        <Notice>Finding the message… {locate.scanned ? `${num(locate.scanned)} looked at` : ''}</Notice>
      ) : null}
      {locate.status === 'not-found' ? (
        <Notice kind="warning">That message was not found in this session.</Notice>
      ) : null}
      <ThreadBody
        thread={thread}
        scrollRef={scrollRef}
        focusIndex={locate.status === 'found' && locate.hash === focus?.hash ? locate.index : null}
        focusSnippet={focus?.snippet}
      />
    </section>
  );
}

function ThreadBody({
  thread,
  scrollRef,
  focusIndex,
  focusSnippet,
}: {
  thread: PagedRows<ThreadNode>;
  scrollRef: RefObject<HTMLElement | null>;
  focusIndex: number | null;
  focusSnippet?: string;
}) {
  const snap = useSyncExternalStore(thread.subscribe, thread.snapshot);
  const first = snap.pages[0];
  if (first?.status === 'error') return <ErrorNotice error={first.error} onRetry={() => thread.retry(0)} />;
  if (snap.complete && snap.count === 0)
    return <Empty title="Empty thread">This session holds no messages.</Empty>;
  return (
    <>
      {snap.count === 0 ? <Loading label="Loading the thread…" /> : null}
      <VirtualMessages
        paged={thread}
        scrollRef={scrollRef}
        label="Session thread"
        focusIndex={focusIndex}
        focusSnippet={focusSnippet}
        renderRow={({ row, index, expanded, toggle, highlighted }) => {
          const indent = { marginLeft: `${Math.min(row.depth, 6) * 28}px` };
          if (row.kind === 'compaction')
            return (
              <div className="thread-node" style={indent} data-depth={row.depth}>
                <CompactionMarker text={row.text} expanded={expanded} onToggle={toggle} />
              </div>
            );
          // The boundary may also come as its own node just before: mark it once.
          const markBefore = row.compactionBefore && thread.row(index - 1)?.kind !== 'compaction';
          return (
            <div
              className={`thread-node${row.isSidechain ? ' thread-side' : ''}`}
              style={indent}
              data-depth={row.depth}
            >
              {markBefore ? <CompactionMarker /> : null}
              <MessageCard
                role={row.role}
                kind={row.messageKind}
                text={row.text}
                toolName={row.toolName}
                timestamp={row.timestamp}
                expanded={expanded}
                onToggle={toggle}
                highlighted={highlighted}
                extra={<AgentBadge row={row} />}
              />
            </div>
          );
        }}
      />
    </>
  );
}

/** A sub-agent's own messages, and its answer as the main thread received it, name the agent. */
function AgentBadge({ row }: { row: ThreadNode }) {
  if (!row.isSidechain && !row.agentId) return null;
  const id = row.agentId ? ` ${row.agentId.slice(0, 8)}` : '';
  return <Badge tone="accent">{row.isSidechain ? `subagent${id}` : `answer of subagent${id}`}</Badge>;
}

function CompactionMarker({
  text,
  expanded,
  onToggle,
}: {
  text?: string;
  expanded?: boolean;
  onToggle?: () => void;
}) {
  return (
    <div className="compaction-block" data-testid="compaction">
      <div className="compaction" role="separator" aria-label="Conversation compacted">
        <span>Conversation compacted</span>
      </div>
      {text && onToggle ? (
        <div className="compaction-summary">
          <button type="button" className="msg-toggle" aria-expanded={expanded} onClick={onToggle}>
            <span className="chevron" aria-hidden="true">
              {expanded ? '▾' : '▸'}
            </span>
            {expanded ? 'Hide the summary' : 'Show what was compacted'}
          </button>
          {expanded ? <pre className="msg-pre">{text}</pre> : null}
        </div>
      ) : null}
    </div>
  );
}
