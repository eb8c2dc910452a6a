import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type {
  MessageLine,
  TrackedCheckpoint,
  TrackedOccurrence,
} from '../../src-main/core/checkpoint/tracked-format';

/** Every checkpoint folder of a memory in format 2, read back as a test inspects it. */
export interface TrackedFolder {
  dir: string;
  record: TrackedCheckpoint;
  messages: MessageLine[];
  occurrences: TrackedOccurrence[];
}

export function stateDir(memory: string): string {
  return path.join(memory, 'dedup_state', 'checkpoints');
}

export function readPartLines<T>(file: string): T[] {
  return zlib
    .gunzipSync(fs.readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

export function trackedFolders(memory: string): TrackedFolder[] {
  const root = stateDir(memory);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((n) => !n.startsWith('.'))
    .sort()
    .map((name) => {
      const dir = path.join(root, name);
      const record = JSON.parse(
        fs.readFileSync(path.join(dir, 'checkpoint.json'), 'utf8'),
      ) as TrackedCheckpoint;
      return {
        dir,
        record,
        messages: record.messages.flatMap((p) => readPartLines<MessageLine>(path.join(dir, p))),
        occurrences: record.occurrences.flatMap((p) => readPartLines<TrackedOccurrence>(path.join(dir, p))),
      };
    });
}

/** Every message line of every checkpoint. */
export function trackedMessages(memory: string): MessageLine[] {
  return trackedFolders(memory).flatMap((f) => f.messages);
}

/** Every file under the memory that git would track (everything but `.local/`), relative. */
export function trackedFiles(memory: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === '.local') continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(path.relative(memory, p).split(path.sep).join('/'));
    }
  };
  walk(memory);
  return out.sort();
}

/**
 * The text of every tracked file CODITECT writes itself, compressed parts decompressed: what a
 * secret scan reads. (`exports-archive/` holds the user's own exports as they were.)
 */
export function trackedText(memory: string): string {
  return trackedFiles(memory)
    .filter((f) => !f.startsWith('exports-archive/'))
    .map((f) => {
      const buf = fs.readFileSync(path.join(memory, f));
      return f.endsWith('.gz') ? zlib.gunzipSync(buf).toString('utf8') : buf.toString('utf8');
    })
    .join('\n');
}
