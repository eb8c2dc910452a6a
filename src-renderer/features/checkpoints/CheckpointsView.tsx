import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { formatHash, navigate, useRouter, type MessageFocus } from '../../app/router-store';
import { useAppStore } from '../../app/store';
import type { CheckpointDetail, CheckpointItem, RepoStatus } from '../../bridge/types';
import { basename, dateTime, num, pct, relative, relativeTo } from '../../ui/format';
import { useDebounced } from '../../ui/hooks';
import { listKeys } from '../../ui/list-keys';
import { Badge } from '../../ui/PageHeader';
import { valueOf } from '../../ui/resource';
import { Empty, ErrorNotice, Loading, Notice } from '../../ui/states';
import { isFiltered } from '../who-where/who-where';
import { WhoWhereFields } from '../who-where/WhoWhereFields';
import { RunFirstImport } from './RunFirstImport';
import { MessageCard } from '../messages/MessageCard';
import { VirtualMessages } from '../messages/VirtualMessages';
import { loadRepoList, useRepos } from '../repositories/store';
import {
  clearLocate,
  loadCheckpoints,
  locateMessage,
  openCheckpoint,
  setCheckpointsWho,
  setFilter,
  useCheckpoints,
} from './store';

export function CheckpointsView() {
  const route = useRouter((s) => s.route);
  const reconnects = useAppStore((s) => s.reconnects);
  const filter = useCheckpoints((s) => s.filter);
  const who = useCheckpoints((s) => s.who);
  const debounced = useDebounced(filter, 200);
  const debouncedWho = useDebounced(who, 200);

  useEffect(() => {
    void loadCheckpoints(debounced, debouncedWho);
  }, [debounced, debouncedWho, reconnects]);

  const id = route.id ?? null;
  useEffect(() => {
    void openCheckpoint(id);
  }, [id, reconnects]);

  // Nothing chosen yet: open the newest checkpoint.
  const first = useCheckpoints((s) => (s.list.status === 'ready' ? s.list.value[0]?.id : undefined));
  useEffect(() => {
    if (!id && first && !filter && !isFiltered(who))
      navigate({ view: 'checkpoints', id: first }, { replace: true });
  }, [id, first, filter, who]);

  return (
    <div className="page page-split">
      <aside className="split-list" aria-labelledby="checkpoints-title">
        <div className="split-list-head">
          <h1 id="checkpoints-title" className="page-title" tabIndex={-1} data-page-title>
            Checkpoints
          </h1>
          <input
            type="search"
            className="input"
            placeholder="Filter by title…"
            aria-label="Filter checkpoints"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <div className="filters filters-compact" role="group" aria-label="Who made it and where">
            <WhoWhereFields value={who} onChange={setCheckpointsWho} />
          </div>
        </div>
        <CheckpointList selectedId={id} />
      </aside>
      <CheckpointPane id={id} focus={route.focus} />
    </div>
  );
}

function CheckpointList({ selectedId }: { selectedId: string | null }) {
  const list = useCheckpoints((s) => s.list);
  const filtered = useCheckpoints((s) => Boolean(s.filter) || isFiltered(s.who));
  const items = valueOf(list) ?? [];
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 68,
    overscan: 8,
    useFlushSync: false,
  });
  if (list.status === 'error' && !items.length)
    return <ErrorNotice error={list.error} onRetry={() => void loadCheckpoints()} />;
  if (!valueOf(list)) return <Loading label="Loading checkpoints…" />;
  if (items.length === 0)
    return (
      <Empty title={filtered ? 'No checkpoint matches' : 'No checkpoints yet'}>
        {filtered ? 'Try another filter.' : 'Run export-dedup from the Dashboard.'}
      </Empty>
    );
  return (
    <div className="split-list-scroll" ref={scrollRef} onKeyDown={listKeys('a.list-item')}>
      <ul
        className="vlist"
        style={{ height: virtualizer.getTotalSize() }}
        aria-label={`${items.length} checkpoints`}
      >
        {virtualizer.getVirtualItems().map((vi) => {
          const c = items[vi.index]!;
          return (
            <li
              key={c.id}
              className="vlist-abs"
              style={{ transform: `translateY(${vi.start}px)`, height: vi.size }}
            >
              <CheckpointLink c={c} selected={c.id === selectedId} />
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function CheckpointLink({ c, selected }: { c: CheckpointItem; selected: boolean }) {
  return (
    <a
      className={`list-item${selected ? ' list-item-selected' : ''}`}
      href={formatHash({ view: 'checkpoints', id: c.id })}
      aria-current={selected ? 'page' : undefined}
    >
      <span className="list-item-title">{c.title}</span>
      <span className="list-item-meta">
        <time dateTime={c.createdAt}>{dateTime(c.createdAt)}</time>
        <span>
          +{num(c.counts.newUnique)} new · {num(c.counts.duplicates)} dup
        </span>
        {c.status === 'pending' ? <Badge tone="warning">pending</Badge> : null}
      </span>
    </a>
  );
}

function CheckpointPane({ id, focus }: { id: string | null; focus?: MessageFocus }) {
  const detail = useCheckpoints((s) => s.detail);
  const messages = useCheckpoints((s) => s.messages);
  const locate = useCheckpoints((s) => s.locate);
  const scrollRef = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!messages) return;
    if (focus) void locateMessage(focus);
    else clearLocate();
  }, [messages, focus]);

  if (!id)
    return (
      <section className="split-detail" aria-label="Checkpoint">
        <NoCheckpointChosen />
      </section>
    );
  const d = valueOf(detail);
  return (
    <section className="split-detail" aria-label="Checkpoint" ref={scrollRef} tabIndex={-1}>
      {detail.status === 'loading' ? <Loading label="Loading the checkpoint…" /> : null}
      {detail.status === 'error' ? (
        <ErrorNotice error={detail.error} onRetry={() => void openCheckpoint(id)} />
      ) : null}
      {d && detail.status === 'ready' ? (
        <>
          <CheckpointHeader d={d} />
          <h2 className="section-title" id="cp-messages">
            Messages <span className="muted">({num(d.messageCount)})</span>
          </h2>
          <CountNote read={d.counts.read} listed={d.messageCount} />
          {locate.status === 'locating' ? (
            <Notice>
              Finding the message…{' '}
              {locate.scanned ? `${num(locate.scanned)} of ${num(d.messageCount)} looked at` : ''}
            </Notice>
          ) : null}
          {locate.status === 'not-found' ? (
            <Notice kind="warning">That message was not found in this checkpoint.</Notice>
          ) : null}
          {d.messageCount === 0 ? (
            <Empty title="No messages">This checkpoint holds no messages.</Empty>
          ) : messages ? (
            <VirtualMessages
              paged={messages}
              scrollRef={scrollRef}
              label={`Messages of ${d.title}`}
              focusIndex={locate.status === 'found' && locate.hash === focus?.hash ? locate.index : null}
              focusSnippet={focus?.snippet}
              renderRow={({ row, index, expanded, toggle, highlighted }) => (
                <MessageCard
                  role={row.role}
                  kind={row.kind}
                  text={row.text}
                  toolName={row.toolName}
                  timestamp={row.timestamp}
                  // The source (a session's file) once where it begins, not on every message.
                  sourceHeading={messages.row(index - 1)?.source === row.source ? undefined : row.source}
                  duplicate={row.duplicate}
                  expanded={expanded}
                  onToggle={toggle}
                  highlighted={highlighted}
                />
              )}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/**
 * Why the list can hold fewer messages than were read: a line whose id was already stored
 * (a resumed session copies its earlier lines into a new file) counts as read and duplicate,
 * but is listed only where it first appeared.
 */
function CountNote({ read, listed }: { read: number; listed: number }) {
  if (read <= listed) return null;
  const copied = read - listed;
  return (
    <p className="muted small" data-testid="count-note">
      {num(listed)} of the {num(read)} messages read are listed here. The other {num(copied)}{' '}
      {copied === 1 ? 'was a line' : 'were lines'} already stored from another file (the same line id: a
      resumed session copies its earlier lines), counted as duplicates and listed where they first appeared.
    </p>
  );
}

/** Nothing to pick from yet: offer the run that makes the first checkpoint, not "pick one". */
function NoCheckpointChosen() {
  const list = useCheckpoints((s) => s.list);
  const filtered = useCheckpoints((s) => Boolean(s.filter) || isFiltered(s.who));
  const items = valueOf(list);
  if (items && items.length === 0 && !filtered) return <RunFirstImport />;
  return <Empty title="Choose a checkpoint">Pick one from the list to see its sources and messages.</Empty>;
}

function CheckpointHeader({ d }: { d: CheckpointDetail }) {
  const rate = d.counts.read ? d.counts.duplicates / d.counts.read : 0;
  return (
    <div className="detail-head">
      <div className="detail-title-row">
        <h2 className="detail-title">{d.title}</h2>
        <Badge tone={d.status === 'written' ? 'success' : 'warning'}>{d.status}</Badge>
      </div>
      <p className="muted">
        <time dateTime={d.createdAt}>{dateTime(d.createdAt)}</time> · {relative(d.createdAt)} ·{' '}
        <span title={d.document}>{d.document}</span>
      </p>
      <WhoMadeIt author={d.author} machine={d.machine} />
      <dl className="kv kv-inline">
        <dt>Read</dt>
        <dd>{num(d.counts.read)}</dd>
        <dt>New unique</dt>
        <dd>{num(d.counts.newUnique)}</dd>
        <dt>Duplicates</dt>
        <dd>
          {num(d.counts.duplicates)} ({pct(rate)})
        </dd>
        <dt>Redactions</dt>
        <dd>{num(d.redactions)}</dd>
      </dl>
      <GitState />
      <details className="card sources" open={d.sources.length <= 6}>
        <summary className="card-title">Sources ({d.sources.length})</summary>
        {d.sources.length === 0 ? (
          <p className="muted">No sources recorded.</p>
        ) : (
          <table className="table table-compact">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Project</th>
                <th scope="col" className="num">
                  Read
                </th>
                <th scope="col" className="num">
                  New
                </th>
                <th scope="col" className="num">
                  Dup
                </th>
              </tr>
            </thead>
            <tbody>
              {d.sources.map((s) => (
                <tr key={s.path}>
                  <td
                    className="cell-ellipsis"
                    title={s.archivedAs ? `${s.path}\narchived as ${s.archivedAs}` : s.path}
                  >
                    <Badge tone={s.kind === 'export' ? 'accent' : 'neutral'}>{s.kind}</Badge> {s.name}
                  </td>
                  <td className="cell-ellipsis" title={s.project ?? undefined}>
                    {s.project ? basename(s.project) : '—'}
                  </td>
                  <td className="num">{num(s.counts.read)}</td>
                  <td className="num">{num(s.counts.newUnique)}</td>
                  <td className="num">{num(s.counts.duplicates)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </div>
  );
}

/** Who made the checkpoint and where; a checkpoint from before format 2 recorded neither. */
function WhoMadeIt({ author, machine }: { author: string | null; machine: string | null }) {
  if (!author && !machine) return null;
  return (
    <p className="muted" data-testid="checkpoint-who">
      {author ? (
        <>
          Made by <span className="who-author">{author}</span>
        </>
      ) : (
        'Made'
      )}
      {machine ? (
        <>
          {' '}
          on <span className="who-machine">{machine}</span>
        </>
      ) : null}
    </p>
  );
}

function GitState() {
  const repos = useRepos((s) => s.list);
  const info = valueOf(useAppStore((s) => s.info));
  const list = valueOf(repos);
  const repo = useMemo(() => memoryRepo(list ?? [], info?.memoryDir), [list, info?.memoryDir]);
  return (
    <div className="git-line" aria-label="Git state of the memory repository">
      <span className="git-label">Git</span>
      {repos.status === 'loading' && !list ? <span className="muted">reading the status…</span> : null}
      {repos.status === 'error' ? (
        repos.error.code === 'unavailable' ? (
          <span className="muted">git support is not available</span>
        ) : (
          <span className="field-error">
            {repos.error.message}{' '}
            <button type="button" className="link-button" onClick={() => void loadRepoList()}>
              Retry
            </button>
          </span>
        )
      ) : null}
      {list && !repo ? <span className="muted">the memory folder is not in a git repository</span> : null}
      {repo ? <RepoSummary repo={repo} root={info?.projectsRoot} /> : null}
    </div>
  );
}

function memoryRepo(repos: RepoStatus[], memoryDir: string | undefined): RepoStatus | null {
  if (!memoryDir) return null;
  let best: RepoStatus | null = null;
  for (const r of repos) {
    const p = r.path.replace(/[\\/]+$/, '');
    if (
      (memoryDir === p || memoryDir.startsWith(p + '/') || memoryDir.startsWith(p + '\\')) &&
      (!best || p.length > best.path.length)
    )
      best = r;
  }
  return best;
}

function RepoSummary({ repo, root }: { repo: RepoStatus; root?: string }) {
  const changes = [
    repo.staged ? `${repo.staged} staged` : '',
    repo.modified ? `${repo.modified} modified` : '',
    repo.untracked ? `${repo.untracked} untracked` : '',
    repo.conflicted ? `${repo.conflicted} conflicted` : '',
  ].filter(Boolean);
  return (
    <>
      <span title={repo.path}>{relativeTo(root, repo.path)}</span>
      <code>{repo.detached ? 'detached' : (repo.branch ?? '—')}</code>
      {repo.upstream ? (
        <span className="muted">
          {repo.upstream}
          {repo.ahead ? ` ↑${repo.ahead}` : ''}
          {repo.behind ? ` ↓${repo.behind}` : ''}
        </span>
      ) : null}
      {changes.length ? <span>{changes.join(', ')}</span> : <Badge tone="success">clean</Badge>}
      {repo.lastCommit ? (
        <span className="muted cell-ellipsis" title={repo.lastCommit.subject}>
          last commit <code>{repo.lastCommit.hash.slice(0, 7)}</code> {repo.lastCommit.subject}
        </span>
      ) : null}
      {repo.error ? <span className="field-error">{repo.error}</span> : null}
    </>
  );
}
