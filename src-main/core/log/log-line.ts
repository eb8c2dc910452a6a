/**
 * One log event <-> one physical line:
 *   `<time> <LEVEL> [<step>] <message> key=value…`
 * The format is meant for people first (grep, tail) and for the log viewer second, so plain
 * text stays unquoted and only text that would be ambiguous is written as a JSON string.
 */

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';

export const LOG_LEVELS: readonly LogLevel[] = ['DEBUG', 'INFO', 'WARN', 'ERROR'];

export type LogFieldValue = string | number | boolean | null | undefined;
export type LogFields = Record<string, LogFieldValue>;

export interface LogEvent {
  time: Date;
  level: LogLevel;
  step: string;
  message: string;
  fields?: LogFields;
}

export interface ParsedLogLine {
  time: string;
  level: LogLevel;
  step: string;
  message: string;
  fields: Record<string, string>;
  raw: string;
}

// Characters that would end or fake a physical line, or be invisible/unsafe in a terminal:
// C0/C1 controls (incl. \r, \n, \u0085) and the Unicode line/paragraph separators.
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const STEP_UNSAFE = /[^\p{L}\p{N}_.:/@#+-]/gu;
const KEY_UNSAFE = /[^A-Za-z0-9_.-]/g;
const TIME_RE = /^(?:\d{4}|[+-]\d{6})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const KEY_RE = /^[A-Za-z0-9_.-]+$/;
const HEAD_RE = /^(\S+) (DEBUG|INFO|WARN|ERROR) \[([^\]\s]*)\] (.*)$/s;

export function formatLogLine(e: LogEvent): string {
  const head = `${formatTime(e.time)} ${e.level} [${formatStep(e.step)}] ${formatMessage(e.message)}`;
  const fields = formatFields(e.fields);
  return fields ? `${head} ${fields}` : head;
}

/** Strict: anything that is not exactly what formatLogLine writes yields null. */
export function parseLogLine(line: string): ParsedLogLine | null {
  const head = HEAD_RE.exec(line);
  if (!head || !TIME_RE.test(head[1]) || head[3] === '') return null;
  const body = splitBody(head[4]);
  if (!body) return null;
  const fields = parseFields(body.fields);
  if (!fields) return null;
  return {
    time: head[1],
    level: head[2] as LogLevel,
    step: head[3],
    message: body.message,
    fields,
    raw: line,
  };
}

function formatTime(time: Date): string {
  // An event whose Date is invalid is still an event worth keeping; its position in the file
  // says when it happened, so the write time is the honest substitute.
  return Number.isNaN(time.getTime()) ? new Date().toISOString() : time.toISOString();
}

/** Steps are programmer-chosen names; anything odd is replaced rather than escaped. */
function formatStep(step: string): string {
  const clean = step.replace(STEP_UNSAFE, '_');
  return clean === '' ? '-' : clean;
}

function formatMessage(message: string): string {
  // Unquoted messages may hold single spaces, but never `=` (it would start a field) nor a
  // leading quote (it would read as a quoted message).
  const ambiguous =
    message === '' ||
    /^\s|\s$|[="\\]|[^\S ]/.test(message) ||
    UNSAFE_CHARS.test(message) ||
    LONE_SURROGATE.test(message);
  return ambiguous ? quote(message) : message;
}

function formatFields(fields: LogFields | undefined): string {
  if (!fields) return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(`${formatKey(key)}=${formatValue(value)}`);
  }
  return parts.join(' ');
}

function formatKey(key: string): string {
  const clean = key.replace(KEY_UNSAFE, '_');
  return clean === '' ? '_' : clean;
}

function formatValue(value: string | number | boolean | null): string {
  const text = value === null ? 'null' : String(value);
  const ambiguous =
    text === '' || /[\s="\\]/.test(text) || UNSAFE_CHARS.test(text) || LONE_SURROGATE.test(text);
  return ambiguous ? quote(text) : text;
}

/** JSON string, plus escapes JSON leaves raw but that are unsafe in a one-line text log. */
function quote(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function splitBody(rest: string): { message: string; fields: string } | null {
  if (rest.startsWith('"')) {
    const end = jsonStringEnd(rest, 0);
    if (end < 0) return null;
    const message = decodeJsonString(rest.slice(0, end));
    if (message === null) return null;
    const after = rest.slice(end);
    if (after !== '' && !after.startsWith(' ')) return null;
    return { message, fields: after.slice(1) };
  }
  // An unquoted message holds no `=`, so the first `=` belongs to the first field's key.
  const eq = rest.indexOf('=');
  const keyStart = eq < 0 ? rest.length + 1 : rest.lastIndexOf(' ', eq) + 1;
  if (keyStart === 0) return null;
  const message = rest.slice(0, keyStart - 1);
  // Text the formatter would have quoted (newlines, controls, …) is not a line it wrote.
  if (message === '' || formatMessage(message) !== message) return null;
  return { message, fields: rest.slice(keyStart) };
}

function parseFields(text: string): Record<string, string> | null {
  const entries: [string, string][] = [];
  let i = 0;
  while (i < text.length) {
    const eq = text.indexOf('=', i);
    if (eq < 0) return null;
    const key = text.slice(i, eq);
    if (!KEY_RE.test(key)) return null;
    const value = readValue(text, eq + 1);
    if (!value) return null;
    entries.push([key, value.value]);
    i = value.next;
    if (i < text.length) {
      if (text[i] !== ' ') return null;
      i++;
      if (i === text.length) return null;
    }
  }
  // fromEntries defines own properties, so a key such as `__proto__` stays a plain field.
  return Object.fromEntries(entries);
}

function readValue(text: string, start: number): { value: string; next: number } | null {
  if (text[start] === '"') {
    const end = jsonStringEnd(text, start);
    if (end < 0) return null;
    const value = decodeJsonString(text.slice(start, end));
    return value === null ? null : { value, next: end };
  }
  let end = start;
  while (end < text.length && text[end] !== ' ') end++;
  const value = text.slice(start, end);
  if (value === '' || formatValue(value) !== value) return null;
  return { value, next: end };
}

/** Index just past the closing quote of the JSON string opening at `start`, or -1. */
function jsonStringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return -1;
}

function decodeJsonString(token: string): string | null {
  try {
    const value: unknown = JSON.parse(token);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
