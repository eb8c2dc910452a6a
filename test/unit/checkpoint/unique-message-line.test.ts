import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { messagePartsOf } from '../../helpers/message-parts';
import { MessageWriter } from '../../../src-main/core/memory/message-writer';
import { insertExportSource } from '../../helpers/store-rows';
import { connection } from '../../../src-main/core/memory/connection';
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
  connection(store).exec("UPDATE occurrences SET checkpoint_id = 'cp-1'");
  return { store, dir };
}

/** The lines of a checkpoint's messages parts, as they would be written. */
async function writtenLines(
  store: MemoryStore,
): Promise<{ ids: number[]; redactions: number; lines: string[] }> {
  const m = await messagePartsOf(store, 'cp-1');
  const text = m.parts.join('');
  return { ids: m.ids, redactions: m.redactions, lines: text.split('\n') };
}

describe("the lines of a checkpoint's messages parts", () => {
  it('written by SQLite for screened text are exactly JSON.stringify of the line object', async () => {
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
      fc.asyncProperty(
        texts,
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        async (ts, cleans) => {
          const { store } = storeWith(ts.map((text, i) => ({ text, clean: cleans[i]! })));
          const written = await writtenLines(store);
          const rows = connection(store)
            .prepare('SELECT id, hash, role, text, first_seen FROM messages ORDER BY id')
            .all() as {
            id: number;
            hash: string;
            role: string;
            text: string;
            first_seen: string;
          }[];
          store.close();
          const lines = written.lines;
          expect(lines.pop()).toBe('');
          expect(written.ids).toEqual(rows.map((r) => r.id));
          // Random text holds no secret: both paths (SQLite's and redact-then-stringify) must agree.
          const expected = rows.map((r) => JSON.stringify({ h: r.hash, r: r.role, t: r.text }));
          expect(lines).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('redacts text the screen did not pass, and leaves screened text as it is', async () => {
    const secret = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';
    const { store } = storeWith([
      { text: `token ${secret}`, clean: false },
      { text: 'plain "quoted" words\nand a newline', clean: true },
    ]);
    const written = await writtenLines(store);
    expect(written.redactions).toBe(1);
    store.close();
    const [first, second] = written.lines.filter(Boolean).map((l) => JSON.parse(l) as { t: string });
    expect(first!.t).not.toContain(secret);
    expect(first!.t).toContain('[REDACTED');
    expect(second!.t).toBe('plain "quoted" words\nand a newline');
  });
});
