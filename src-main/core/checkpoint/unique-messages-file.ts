import fs from 'node:fs';
import path from 'node:path';
import { redactSecrets, SECRET_SCREEN_VERSION } from '../security/redact-secrets';
import type { MemoryStore } from '../memory/store';
import { fsyncDir } from '../workspace/atomic-write';

/** One line of `dedup_state/unique_messages.jsonl`. The hash is of the original text. */
export interface UniqueMessageLine {
  hash: string;
  role: string;
  text: string;
  first_seen: string;
  checkpoint: string;
}

const SIZE_KEY = 'state.unique_messages.bytes';

/** What an append wrote, to be marked in the store by `markAppended`. */
export interface AppendedLines {
  /** Message ids, ascending. */
  readonly ids: readonly number[];
  /** The file's size after the append. */
  readonly size: number;
  readonly redactions: number;
}

/**
 * Append the messages not yet in the file, redacted: the file half, which reads the store and
 * writes nothing to it; `markAppended` is the store half. The file is append-only (other tools
 * and other machines read it), so instead of rewriting it the store remembers how many bytes it
 * holds after each append; a crash between the halves leaves lines the store does not know,
 * which `reconcileUniqueMessages` marks next run.
 */
export function writeUniqueMessages(store: MemoryStore, file: string, checkpointId: string): AppendedLines {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a');
  const ids: number[] = [];
  let redactions = 0;
  try {
    let batch: Buffer[] = [];
    for (const r of pendingLines(store, checkpointId)) {
      let line = r.line;
      if (line === null) {
        const red = redactSecrets(r.text!);
        redactions += red.count;
        line = Buffer.from(JSON.stringify(lineObject(r, red.text, checkpointId)) + '\n');
      }
      batch.push(line);
      ids.push(r.id);
      if (batch.length >= 1000) {
        writeAll(fd, batch);
        batch = [];
      }
    }
    writeAll(fd, batch);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fsyncDir(path.dirname(file));
  return { ids, size: fs.statSync(file).size, redactions };
}

function writeAll(fd: number, buffers: Buffer[]): void {
  const data = Buffer.concat(buffers);
  for (let at = 0; at < data.length;) at += fs.writeSync(fd, data, at);
}

interface PendingRow {
  id: number;
  hash: string;
  role: string;
  first_seen: string;
  /** The finished line (UTF-8, newline included) when this version of the screen passed the text. */
  line: Buffer | null;
  /** Otherwise the text, to be redacted first. */
  text: string | null;
}

/**
 * The checkpoint's messages not yet in the file, in id order. A message screened clean when it
 * was parsed needs no redaction, so SQLite writes its line itself (json_object, in the key
 * order of UniqueMessageLine): escaping 100+ MB of text there takes half the time of reading
 * it into JavaScript and through JSON.stringify (measured), and gives the same text
 * (property-tested against JSON.stringify).
 */
function pendingLines(store: MemoryStore, checkpointId: string): IterableIterator<PendingRow> {
  return store.db
    .prepare(
      `SELECT m.id, m.hash, m.role, m.first_seen,
         CASE WHEN m.clean = @screen THEN CAST(json_object('hash', m.hash, 'role', m.role, 'text', m.text,
           'first_seen', m.first_seen, 'checkpoint', @checkpoint) || char(10) AS BLOB) END AS line,
         CASE WHEN m.clean = @screen THEN NULL ELSE m.text END AS text
       FROM state_pending p JOIN messages m ON m.id = p.message_id
       WHERE p.message_id IN (SELECT message_id FROM occurrences WHERE checkpoint_id = @checkpoint AND duplicate = 0)
       ORDER BY p.message_id`,
    )
    .iterate({ screen: SECRET_SCREEN_VERSION, checkpoint: checkpointId }) as IterableIterator<PendingRow>;
}

function lineObject(r: PendingRow, text: string, checkpointId: string): UniqueMessageLine {
  return { hash: r.hash, role: r.role, text, first_seen: r.first_seen, checkpoint: checkpointId };
}

/**
 * The store half: the appended messages are no longer pending. `ids` ascend (the append
 * reads in id order); usually they are one unbroken range: one delete.
 */
export function markAppended(store: MemoryStore, appended: AppendedLines): void {
  const { ids, size } = appended;
  const mark = store.db.prepare('DELETE FROM state_pending WHERE message_id = ?');
  store.db.transaction(() => {
    if (isDenseRun(ids)) {
      store.db
        .prepare('DELETE FROM state_pending WHERE message_id BETWEEN ? AND ?')
        .run(ids[0], ids[ids.length - 1]);
    } else for (const id of ids) mark.run(id);
    store.setMeta(SIZE_KEY, String(size));
  })();
}

/** True when `ids` is every integer from the first to the last (the usual case: one import's new rows). */
function isDenseRun(ids: readonly number[]): boolean {
  return ids.length > 0 && ids[ids.length - 1]! - ids[0]! === ids.length - 1;
}

/**
 * After a crash between the append and the store's update, or after a `git pull` brought
 * lines from another machine: read what the file holds beyond the size the store knows,
 * drop a torn last line (only ever our own unfinished append), and mark what is there.
 */
export function reconcileUniqueMessages(
  store: MemoryStore,
  file: string,
): { marked: number; tornBytes: number; foreign: number } {
  if (!fs.existsSync(file)) {
    store.setMeta(SIZE_KEY, '0');
    return { marked: 0, tornBytes: 0, foreign: 0 };
  }
  const known = Number(store.getMeta(SIZE_KEY) ?? '0');
  const size = fs.statSync(file).size;
  if (size === known) return { marked: 0, tornBytes: 0, foreign: 0 };
  const from = size > known ? known : 0;
  const tail = readFrom(file, from);
  const lastNl = tail.lastIndexOf(0x0a);
  const tornBytes = tail.length - (lastNl + 1);
  if (tornBytes > 0) fs.truncateSync(file, from + lastNl + 1);
  const lines = tail
    .subarray(0, lastNl + 1)
    .toString('utf8')
    .split('\n')
    .filter(Boolean);
  const result = markLines(store, lines);
  store.setMeta(SIZE_KEY, String(fs.statSync(file).size));
  return { ...result, tornBytes };
}

function markLines(store: MemoryStore, lines: string[]): { marked: number; foreign: number } {
  const mark = store.db.prepare(
    'DELETE FROM state_pending WHERE message_id = (SELECT id FROM messages WHERE hash = ?)',
  );
  // Not pending: the line is in the file already.
  const insert = store.db.prepare(
    'INSERT OR IGNORE INTO messages(hash, role, text, first_seen) VALUES (?, ?, ?, ?)',
  );
  let marked = 0;
  let foreign = 0;
  store.db.transaction(() => {
    for (const raw of lines) {
      const l = parseLine(raw);
      if (!l) continue;
      if (mark.run(l.hash).changes) marked++;
      else if (insert.run(l.hash, l.role, l.text, l.first_seen).changes) foreign++;
    }
  })();
  return { marked, foreign };
}

export function parseLine(raw: string): UniqueMessageLine | null {
  try {
    const l = JSON.parse(raw) as UniqueMessageLine;
    return typeof l.hash === 'string' && typeof l.text === 'string' && typeof l.role === 'string' ? l : null;
  } catch {
    return null;
  }
}

function readFrom(file: string, from: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const buf = Buffer.alloc(size - from);
    fs.readSync(fd, buf, 0, buf.length, from);
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}
