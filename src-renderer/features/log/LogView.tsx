import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useAppStore } from '../../app/store';
import type { LogLine } from '../../bridge/types';
import { Button } from '../../ui/Button';
import { fullTime, logTime, num } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { Empty, ErrorNotice, Loading } from '../../ui/states';
import {
  copyLines,
  dismissNotice,
  filterLines,
  LEVELS,
  reloadTail,
  revealLog,
  selectLine,
  setFollow,
  setLogText,
  setPaused,
  startLog,
  toggleLevel,
  useLog,
} from './store';

const ROW = 22;

export function LogView() {
  const reconnects = useAppStore((s) => s.reconnects);
  useEffect(() => startLog(), []);
  useEffect(() => {
    if (reconnects) void reloadTail();
  }, [reconnects]);

  const s = useLog();
  const visible = useMemo(() => filterLines(s.lines, s.levels, s.text), [s.lines, s.levels, s.text]);

  return (
    <div className="page page-log">
      <PageHeader
        title="Log"
        subtitle={
          s.file ? (
            <span className="mono small" title={s.file}>
              {s.file}
            </span>
          ) : (
            'The rolling log, live.'
          )
        }
        actions={
          <>
            <Button
              size="sm"
              onClick={() => setPaused(!s.paused)}
              aria-pressed={s.paused}
              data-testid="log-pause"
            >
              {s.paused ? `Resume${s.held.length ? ` (${num(s.held.length)} new)` : ''}` : 'Pause'}
            </Button>
            <Button size="sm" onClick={() => void copyLines(visible)} disabled={!visible.length}>
              Copy {visible.length !== s.lines.length ? 'shown' : 'all'}
            </Button>
            <Button size="sm" onClick={() => void revealLog()}>
              Open the file
            </Button>
          </>
        }
      />
      <div className="log-toolbar" role="toolbar" aria-label="Log filters">
        <div className="segmented" role="group" aria-label="Levels">
          {LEVELS.map((l) => (
            <button
              key={l}
              type="button"
              className={`seg seg-${l.toLowerCase()}`}
              aria-pressed={s.levels[l]}
              onClick={() => toggleLevel(l)}
            >
              {l}
            </button>
          ))}
        </div>
        <input
          type="search"
          className="input"
          placeholder="Filter text…"
          aria-label="Filter log lines"
          value={s.text}
          onChange={(e) => setLogText(e.target.value)}
        />
        <span className="muted small" aria-live="off">
          {num(visible.length)} of {num(s.lines.length)} lines
        </span>
      </div>
      {s.notice ? (
        <div
          className={`notice notice-${s.notice.kind} notice-compact`}
          role={s.notice.kind === 'error' ? 'alert' : 'status'}
        >
          <div className="notice-message" data-testid="log-notice">
            {s.notice.text}
          </div>
          <Button size="sm" variant="ghost" onClick={dismissNotice} aria-label="Dismiss">
            ×
          </Button>
        </div>
      ) : null}
      {s.status === 'error' && s.error ? (
        <ErrorNotice error={s.error} onRetry={() => void reloadTail()} />
      ) : null}
      {s.status === 'loading' ? <Loading label="Reading the log…" /> : null}
      {s.status === 'ready' && s.lines.length === 0 ? (
        <Empty title="The log is empty">Lines appear here as the app works.</Empty>
      ) : null}
      {s.lines.length && !visible.length ? (
        <Empty title="No line matches these filters">
          <p>
            {num(s.lines.length)} lines are hidden by the level buttons or the text filter.{' '}
            <Button size="sm" onClick={showAllLines} data-testid="log-show-all">
              Show all lines
            </Button>
          </p>
        </Empty>
      ) : null}
      {visible.length ? <LogLines lines={visible} follow={s.follow} selected={s.selected} /> : null}
      {s.selected != null && visible[s.selected] ? <LineDetail line={visible[s.selected]!} /> : null}
    </div>
  );
}

function LogLines({
  lines,
  follow,
  selected,
}: {
  lines: LogLine[];
  follow: boolean;
  selected: number | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW,
    overscan: 20,
    useFlushSync: false,
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (follow && el) el.scrollTop = el.scrollHeight;
  }, [lines, follow]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el) return;
    setFollow(el.scrollHeight - el.scrollTop - el.clientHeight < ROW * 1.5);
  };

  const jumpToEnd = () => {
    setFollow(true);
    const el = scrollRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  };

  return (
    <div className="log-frame">
      <div
        ref={scrollRef}
        className="log-scroll"
        tabIndex={0}
        role="log"
        aria-live="off"
        aria-label="Log lines"
        onScroll={onScroll}
        data-testid="log-lines"
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((vi) => {
            const l = lines[vi.index]!;
            return (
              <div
                key={vi.index}
                className={`log-row log-${l.level.toLowerCase()}${selected === vi.index ? ' log-row-selected' : ''}`}
                style={{ transform: `translateY(${vi.start}px)`, height: ROW }}
                onClick={() => selectLine(selected === vi.index ? null : vi.index)}
                title={l.raw}
              >
                <span className="log-time" title={fullTime(l.time)}>
                  {logTime(l.time)}
                </span>
                <span className="log-level">{l.level}</span>
                <span className="log-step">{l.step}</span>
                <span className="log-msg">
                  {l.message}
                  {Object.entries(l.fields).map(([k, v]) => (
                    <span key={k} className="log-field">
                      {' '}
                      {k}={v}
                    </span>
                  ))}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      {!follow ? (
        <Button className="jump-end" size="sm" variant="primary" onClick={jumpToEnd}>
          Jump to end ↓
        </Button>
      ) : null}
    </div>
  );
}

/** Clears the text filter and turns every level back on. */
function showAllLines(): void {
  setLogText('');
  const { levels } = useLog.getState();
  for (const l of LEVELS) if (!levels[l]) toggleLevel(l);
}

function LineDetail({ line }: { line: LogLine }) {
  return (
    <section className="log-detail" aria-label="Selected line">
      <div className="log-detail-head">
        <strong>
          {line.level} · {line.step}
        </strong>
        <span className="muted">{fullTime(line.time)}</span>
        <Button size="sm" variant="ghost" onClick={() => void copyLines([line])}>
          Copy line
        </Button>
        <Button size="sm" variant="ghost" onClick={() => selectLine(null)} aria-label="Close details">
          ×
        </Button>
      </div>
      <pre className="msg-pre">{line.raw}</pre>
    </section>
  );
}
