/** Display formatting shared by the views. */
const nf = new Intl.NumberFormat();

export function num(n: number | null | undefined): string {
  return n == null || !Number.isFinite(n) ? '—' : nf.format(n);
}

export function pct(rate: number | null | undefined, digits = 1): string {
  if (rate == null || !Number.isFinite(rate)) return '—';
  // Rates are fractions (0.44 → 44.0%), as the core's dedupRate() returns them.
  return `${(rate * 100).toFixed(digits)}%`;
}

export function bytes(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export function duration(ms: number | null | undefined): string {
  if (ms == null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const dtf = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const df = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });

/** Parses ISO times, and the file-name form `2026-11-22T06-28-24Z` checkpoints use. */
function parseTime(s: string | null | undefined): Date | null {
  if (!s) return null;
  let d = new Date(s);
  if (Number.isNaN(d.getTime())) {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})(.*)$/.exec(s);
    if (m) d = new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}${m[5] || 'Z'}`);
  }
  return Number.isNaN(d.getTime()) ? null : d;
}

export function dateTime(s: string | null | undefined): string {
  const d = parseTime(s);
  return d ? dtf.format(d) : (s ?? '—');
}

export function shortDate(s: string | null | undefined): string {
  const d = parseTime(s);
  return d ? df.format(d) : '';
}

const tf = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const secondsTf = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const secondsDtf = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** A log line's time in local time: the clock alone today, with the day before that. */
export function logTime(s: string | null | undefined, now = new Date()): string {
  const d = parseTime(s);
  if (!d) return s ?? '';
  return d.toDateString() === now.toDateString()
    ? secondsTf.format(d)
    : `${df.format(d)} ${secondsTf.format(d)}`;
}

/** Date and time to the second, for one line looked at in detail. */
export function fullTime(s: string | null | undefined): string {
  const d = parseTime(s);
  return d ? secondsDtf.format(d) : (s ?? '—');
}

export function shortTime(s: string | null | undefined): string {
  const d = parseTime(s);
  return d ? tf.format(d) : '';
}

const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 3600],
  ['day', 86_400],
  ['week', 7 * 86_400],
  ['month', 30 * 86_400],
  ['year', 365 * 86_400],
];

/** "just now", "5 minutes ago", "yesterday", "2 months ago": read at a glance, in words. */
export function relative(s: string | null | undefined, now = Date.now()): string {
  const d = parseTime(s);
  if (!d) return '';
  const sec = Math.round((now - d.getTime()) / 1000);
  if (Math.abs(sec) < 45) return 'just now';
  let unit = STEPS[0]!;
  for (const step of STEPS) if (Math.abs(sec) >= step[1] * 0.9) unit = step;
  return rtf.format(-Math.round(sec / unit[1]), unit[0]);
}

/** The last segments of a path, for tables that have no room for the whole of it. */
export function shortPath(p: string, keep = 2): string {
  const parts = p.split(/[\\/]/).filter(Boolean);
  return parts.length <= keep ? p : `…/${parts.slice(-keep).join('/')}`;
}

export function basename(p: string): string {
  return p.split(/[\\/]/).filter(Boolean).pop() ?? p;
}

/** `a` relative to `root` when inside it. */
export function relativeTo(root: string | undefined, p: string): string {
  if (!root) return p;
  const r = root.replace(/[\\/]+$/, '');
  if (p === r) return '.';
  return p.startsWith(r + '/') || p.startsWith(r + '\\') ? p.slice(r.length + 1) : p;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}
