/**
 * The live log: the last lines from `log:tail`, then every `log:lines` event. Incoming lines are
 * batched to one update per frame (at most 100 ms late), so a busy log stays smooth; a new
 * line shows well within 250 ms. Pausing holds new lines back until resumed.
 */
import { create } from 'zustand';
import { call, getApi } from '../../bridge';
import type { IpcError, LogLevel, LogLine } from '../../bridge/types';

export const LEVELS: LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];
const KEEP = 10_000;
const TAIL = 5000;

interface LogState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: IpcError | null;
  file: string | null;
  lines: LogLine[];
  /** Bumped on every change to `lines`, for cheap memo keys. */
  version: number;
  paused: boolean;
  held: LogLine[];
  levels: Record<LogLevel, boolean>;
  text: string;
  follow: boolean;
  selected: number | null;
  notice: { kind: 'info' | 'success' | 'error'; text: string } | null;
}

export const useLog = create<LogState>()(() => ({
  status: 'idle',
  error: null,
  file: null,
  lines: [],
  version: 0,
  paused: false,
  held: [],
  levels: { DEBUG: true, INFO: true, WARN: true, ERROR: true },
  text: '',
  follow: true,
  selected: null,
  notice: null,
}));

const set = useLog.setState;
const get = useLog.getState;

function append(lines: LogLine[], more: LogLine[]): LogLine[] {
  const all = lines.concat(more);
  return all.length > KEEP ? all.slice(all.length - KEEP) : all;
}

let incoming: LogLine[] = [];
let flushScheduled = false;

/**
 * Lines already shown are dropped: after the rolling log trims itself the host's follower may
 * send the surviving lines again. (Each line carries a millisecond time, so a true repeat of a
 * whole raw line is not a new event.)
 */
function unseen(batch: LogLine[], shown: LogLine[]): LogLine[] {
  const recent = new Set<string>();
  for (let i = Math.max(0, shown.length - 6000); i < shown.length; i++) recent.add(shown[i]!.raw);
  return batch.filter((l) => {
    if (recent.has(l.raw)) return false;
    recent.add(l.raw);
    return true;
  });
}

function flush(): void {
  flushScheduled = false;
  if (!incoming.length) return;
  const s = get();
  const batch = unseen(incoming, s.paused ? s.lines.concat(s.held) : s.lines);
  incoming = [];
  if (!batch.length) return;
  if (s.paused) set({ held: append(s.held, batch) });
  else set({ lines: append(s.lines, batch), version: s.version + 1 });
}

function scheduleFlush(): void {
  if (flushScheduled) return;
  flushScheduled = true;
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    flush();
  };
  requestAnimationFrame(run);
  setTimeout(run, 100);
}

let tailing: Promise<void> | null = null;
let buffered: LogLine[] | null = null;

/** Subscribes to live lines and loads the tail; returns the unsubscribe. */
export function startLog(): () => void {
  const off = getApi().on('log:lines', (p) => {
    if (!Array.isArray(p?.lines) || p.lines.length === 0) return;
    if (buffered) buffered.push(...p.lines);
    else {
      incoming.push(...p.lines);
      scheduleFlush();
    }
  });
  void reloadTail();
  return off;
}

export function reloadTail(): Promise<void> {
  if (tailing) return tailing;
  buffered = [];
  set((s) => ({ status: s.lines.length ? s.status : 'loading', error: null }));
  tailing = (async () => {
    const r = await call('log:tail', { lines: TAIL });
    const early = buffered ?? [];
    buffered = null;
    tailing = null;
    if (!r.ok) {
      set({ status: 'error', error: r.error });
      if (early.length) {
        incoming.push(...early);
        scheduleFlush();
      }
      return;
    }
    // Lines that arrived while the tail was read may be in both: keep each once.
    const fresh = unseen(early, r.value.lines);
    set((s) => ({
      status: 'ready',
      file: r.value.file,
      lines: append(r.value.lines, fresh),
      version: s.version + 1,
      held: [],
      selected: null,
    }));
  })();
  return tailing;
}

export function setPaused(paused: boolean): void {
  const s = get();
  if (paused === s.paused) return;
  if (paused) set({ paused: true });
  else set({ paused: false, lines: append(s.lines, s.held), held: [], version: s.version + 1 });
}

export function toggleLevel(level: LogLevel): void {
  set((s) => ({ levels: { ...s.levels, [level]: !s.levels[level] } }));
}

export function setLogText(text: string): void {
  set({ text });
}

export function setFollow(follow: boolean): void {
  if (get().follow !== follow) set({ follow });
}

export function selectLine(i: number | null): void {
  set({ selected: i });
}

export function filterLines(lines: LogLine[], levels: Record<LogLevel, boolean>, text: string): LogLine[] {
  const t = text.trim().toLowerCase();
  const allLevels = LEVELS.every((l) => levels[l]);
  if (allLevels && !t) return lines;
  return lines.filter((l) => (levels[l.level] ?? true) && (!t || l.raw.toLowerCase().includes(t)));
}

export async function copyLines(lines: LogLine[]): Promise<void> {
  const text = lines.map((l) => l.raw).join('\n');
  try {
    await navigator.clipboard.writeText(text);
    set({
      notice: { kind: 'success', text: `Copied ${lines.length} line${lines.length === 1 ? '' : 's'}.` },
    });
  } catch (err) {
    set({
      notice: {
        kind: 'error',
        text: `Could not copy: ${(err as Error).message || 'clipboard not available'}`,
      },
    });
  }
}

export async function revealLog(): Promise<void> {
  const r = await call('log:reveal');
  if (!r.ok) {
    set({ notice: { kind: 'error', text: `Could not open the log file: ${r.error.message}` } });
    return;
  }
  set({
    file: r.value.file,
    notice: r.value.opened
      ? { kind: 'success', text: `Opened ${r.value.file}` }
      : { kind: 'info', text: `The log file is ${r.value.file}` },
  });
}

export function dismissNotice(): void {
  set({ notice: null });
}
