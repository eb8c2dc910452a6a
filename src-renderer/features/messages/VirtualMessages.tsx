/**
 * A virtualized, lazily paged list of messages inside a scrolling pane. Only the rows on screen
 * (plus a few) exist in the DOM; the pages they need are fetched as they come into view. Rows
 * have their real heights measured, so Markdown and expanded tool output lay out naturally.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
  type RefObject,
} from 'react';
import { Button } from '../../ui/Button';
import { errorText } from '../../ui/states';
import { clearHit, findHitRange, showHit } from './hit-range';
import type { PagedRows } from './paged';

export interface RowRenderArgs<T> {
  row: T;
  index: number;
  expanded: boolean;
  toggle: () => void;
  highlighted: boolean;
}

export interface VirtualMessagesProps<T extends { role: string; text: string }> {
  paged: PagedRows<T>;
  scrollRef: RefObject<HTMLElement | null>;
  renderRow: (a: RowRenderArgs<T>) => ReactNode;
  /** Bring this row into view and highlight it. */
  focusIndex?: number | null;
  /** The search snippet that led here: its first hit is scrolled into view and highlighted. */
  focusSnippet?: string;
  label: string;
  estimate?: (row: T | undefined) => number;
}

const defaultEstimate = (row: { role: string } | undefined) =>
  !row ? 96 : row.role === 'tool_call' || row.role === 'tool_result' || row.role === 'thinking' ? 64 : 120;

export function VirtualMessages<T extends { role: string; text: string }>({
  paged,
  scrollRef,
  renderRow,
  focusIndex = null,
  focusSnippet,
  label,
  estimate = defaultEstimate,
}: VirtualMessagesProps<T>) {
  const snap = useSyncExternalStore(paged.subscribe, paged.snapshot);
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(() => new Set());
  const [listEl, setListEl] = useState<HTMLDivElement | null>(null);
  const [margin, setMargin] = useState(0);

  // The list starts below the detail's header inside the same scroll pane: keep the offset current.
  useLayoutEffect(() => {
    const pane = scrollRef.current;
    if (!pane || !listEl) return;
    const measure = () => {
      const top = listEl.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
      setMargin((m) => (Math.abs(m - top) > 0.5 ? top : m));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(pane);
    if (pane.firstElementChild) ro.observe(pane.firstElementChild);
    return () => ro.disconnect();
  }, [scrollRef, listEl]);

  const virtualizer = useVirtualizer({
    count: snap.count,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => estimate(paged.row(i)),
    overscan: 6,
    scrollMargin: margin,
    useFlushSync: false,
  });

  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  useEffect(() => {
    if (last >= 0) paged.ensure(first, last);
    else paged.ensure(0, 0);
    // Length not known up front (a session thread): fetch on when the end comes into view.
    if (!snap.complete && last >= snap.count - 8) paged.ensure(snap.count, snap.count);
  }, [paged, first, last, snap.complete, snap.count]);

  const inRange = focusIndex != null && focusIndex >= 0 && focusIndex < snap.count;
  useEffect(() => {
    if (!inRange || focusIndex == null) return;
    virtualizer.scrollToIndex(focusIndex, { align: 'center' });
    // Heights settle as rows render and are measured: keep the hit centred until it stays put.
    const stop = followHit(scrollRef, focusIndex, focusSnippet, () =>
      virtualizer.scrollToIndex(focusIndex, { align: 'center' }),
    );
    return stop;
  }, [inRange, focusIndex, focusSnippet, scrollRef, virtualizer]);

  const toggle = useCallback(
    (i: number) =>
      setExpanded((s) => {
        const n = new Set(s);
        if (n.has(i)) n.delete(i);
        else n.add(i);
        return n;
      }),
    [],
  );

  return (
    <div
      ref={setListEl}
      className="vlist"
      role="feed"
      aria-label={label}
      aria-busy={items.some((it) => paged.pageState(it.index)?.status === 'loading')}
      style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
    >
      <div
        className="vlist-window"
        style={{ transform: `translateY(${(items[0]?.start ?? 0) - virtualizer.options.scrollMargin}px)` }}
      >
        {items.map((it) => {
          const row = paged.row(it.index);
          const state = paged.pageState(it.index);
          return (
            <div
              key={it.key}
              data-index={it.index}
              ref={virtualizer.measureElement}
              className="vlist-row"
              // A feed owns articles only, and only they may carry a position: the row is the
              // feed's article, whatever it holds (a message, a compaction marker, a placeholder).
              role="article"
              aria-posinset={it.index + 1}
              aria-setsize={snap.complete ? snap.count : -1}
            >
              {row ? (
                renderRow({
                  row,
                  index: it.index,
                  expanded: expanded.has(it.index),
                  toggle: () => toggle(it.index),
                  highlighted: focusIndex === it.index,
                })
              ) : state?.status === 'error' ? (
                <div className="msg msg-placeholder" role="alert">
                  <span>Could not load messages: {errorText(state.error)}</span>
                  <Button size="sm" onClick={() => paged.retry(Math.floor(it.index / paged.pageSize))}>
                    Retry
                  </Button>
                </div>
              ) : (
                <div className="msg msg-placeholder" aria-hidden="true">
                  <span className="skeleton" />
                  <span className="skeleton skeleton-short" />
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** Frames in a row the hit must stay put before the scrolling stops; and at most this many. */
const STILL_FRAMES = 6;
const MAX_FRAMES = 180;

/**
 * Scrolls the pane so the hit (or, without one, the row) is in the middle, frame after frame
 * while rows above it are measured and move it, then stops. A long message is taller than
 * the pane: centring the row would leave the hit out of sight, so the hit itself is centred.
 */
function followHit(
  scrollRef: RefObject<HTMLElement | null>,
  index: number,
  snippet: string | undefined,
  centreRow: () => void,
): () => void {
  let frame = 0;
  let still = 0;
  let raf = 0;
  const step = () => {
    const pane = scrollRef.current;
    const row = pane?.querySelector(`.vlist-row[data-index="${index}"] article`);
    // The message's text, not its header (a role label or a time could match a query word).
    const body = row?.querySelector('.md, .msg-text, .msg-pre') ?? row;
    const range = body ? findHitRange(body, snippet) : null;
    if (pane && range) {
      showHit(range);
      const box = range.getBoundingClientRect();
      const view = pane.getBoundingClientRect();
      const delta = box.top + box.height / 2 - (view.top + view.height / 2);
      const before = pane.scrollTop;
      if (Math.abs(delta) > 1) pane.scrollTop += delta;
      // Still: centred, or as near as the pane can scroll (a hit at the very top or bottom).
      if (Math.abs(pane.scrollTop - before) > 1) still = 0;
      else still++;
    } else if (row) {
      centreRow();
      still++;
    }
    if (still < STILL_FRAMES && ++frame < MAX_FRAMES) raf = requestAnimationFrame(step);
  };
  raf = requestAnimationFrame(step);
  // The reader takes over: stop moving the pane under them.
  const pane = scrollRef.current;
  const stopFollowing = () => cancelAnimationFrame(raf);
  const inputs = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
  for (const ev of inputs) pane?.addEventListener(ev, stopFollowing, { passive: true });
  return () => {
    cancelAnimationFrame(raf);
    for (const ev of inputs) pane?.removeEventListener(ev, stopFollowing);
    clearHit();
  };
}
