import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { writeUniqueMessages } from '../../../src-main/core/checkpoint/unique-messages-file';
import { MessageWriter } from '../../../src-main/core/memory/message-writer';
import { insertExportSource } from '../../helpers/store-rows';
import { MemoryStore } from '../../../src-main/core/memory/store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function storeWith(texts: { text: string; clean: boolean }[]): { store: MemoryStore; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-line-'));
  dirs.push(dir);
  const store = MemoryStore.open(path.join(dir, 'coditect.sqlite'));
  const sourceId = insertExportSource(store, 'z.txt', '2026-12-01T00:00:00.000Z');
  const writer = new MessageWriter(store, sourceId, 0, '2026-12-01T00:00:00.000Z');
  for (const t of texts) writer.add({ role: 'assistant', text: t.text }, undefined, t.clean);
  store.db.exec("UPDATE occurrences SET checkpoint_id = 'cp-1'");
  return { store, dir };
}

describe('unique_messages.jsonl lines', () => {
  it('written by SQLite for screened text are exactly JSON.stringify of the line object', () => {
    // Any text: quotes, backslashes, control characters, lone surrogates, emoji, U+2028.
    const awkward = fc.constantFrom(
      '\ud800',
      '\udc00',
      '\u2028',
      '"',
      '\\',
      '\u0000',
      '\u001f',
      '\u007f',
      '\r\n',
    );
    const unit = fc.oneof(
      { arbitrary: awkward, weight: 1 },
      { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 3 },
    );
    const texts = fc.uniqueArray(fc.string({ unit, maxLength: 60 }), { minLength: 1, maxLength: 40 });
    fc.assert(
      fc.property(texts, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (ts, cleans) => {
        const { store, dir } = storeWith(ts.map((text, i) => ({ text, clean: cleans[i]! })));
        const file = path.join(dir, 'unique_messages.jsonl');
        const written = writeUniqueMessages(store, file, 'cp-1');
        const rows = store.db
          .prepare('SELECT id, hash, role, text, first_seen FROM messages ORDER BY id')
          .all() as {
          id: number;
          hash: string;
          role: string;
          text: string;
          first_seen: string;
        }[];
        store.close();
        const lines = fs.readFileSync(file, 'utf8').split('\n');
        expect(lines.pop()).toBe('');
        expect(written.ids).toEqual(rows.map((r) => r.id));
        // Random text holds no secret: both paths (SQLite's and redact-then-stringify) must agree.
        const expected = rows.map((r) =>
          JSON.stringify({
            hash: r.hash,
            role: r.role,
            text: r.text,
            first_seen: r.first_seen,
            checkpoint: 'cp-1',
          }),
        );
        expect(lines).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('redacts text the screen did not pass, and leaves screened text as it is', () => {
    const secret = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    const { store, dir } = storeWith([
      { text: `token ${secret}`, clean: false },
      { text: 'plain "quoted" words\nand a newline', clean: true },
    ]);
    const file = path.join(dir, 'unique_messages.jsonl');
    expect(writeUniqueMessages(store, file, 'cp-1').redactions).toBe(1);
    store.close();
    const [first, second] = fs
      .readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string });
    expect(first!.text).not.toContain(secret);
    expect(first!.text).toContain('[REDACTED');
    expect(second!.text).toBe('plain "quoted" words\nand a newline');
  });
});
