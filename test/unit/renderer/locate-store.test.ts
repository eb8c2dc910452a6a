/** Finding a search hit in a paged list: the state a locate leaves, and one locate at a time. */
import { describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../src-renderer/bridge/types';
import { contentHash } from '../../../src-renderer/features/messages/locate';
import {
  createLocator,
  locatedAt,
  NOT_LOCATING,
  scanForHit,
  type LocateState,
} from '../../../src-renderer/features/messages/locate-store';
import { PagedRows } from '../../../src-renderer/features/messages/paged';

interface Row {
  role: string;
  text: string;
}

const rows: Row[] = Array.from({ length: 25 }, (_, i) => ({
  role: i % 2 ? 'assistant' : 'user',
  text: `message number ${i}`,
}));

function paged(): PagedRows<Row> {
  return new PagedRows<Row>(
    async (offset, limit): Promise<IpcResult<Row[]>> => ({
      ok: true,
      value: rows.slice(offset, offset + limit),
    }),
    10,
    rows.length,
  );
}

describe('locating a hit', () => {
  it('names the row found, or says it is not there', () => {
    expect(locatedAt('h', 3)).toEqual({ status: 'found', hash: 'h', index: 3 });
    expect(locatedAt('h', -1)).toEqual({ status: 'not-found', hash: 'h' });
    expect(locatedAt('h', null)).toEqual({ status: 'not-found', hash: 'h' });
  });

  it('lets a newer locate or a clear overtake the one running', () => {
    const states: LocateState[] = [];
    const locator = createLocator((s) => states.push(s));
    const first = locator.begin('a');
    expect(first()).toBe(true);
    const second = locator.begin('b');
    expect(first()).toBe(false);
    expect(second()).toBe(true);
    locator.clear();
    expect(second()).toBe(false);
    expect(states).toEqual([
      { status: 'locating', hash: 'a' },
      { status: 'locating', hash: 'b' },
      NOT_LOCATING,
    ]);
  });

  it('scans the pages for the message with that hash', async () => {
    const target = rows[17]!;
    const hash = (await contentHash(target.role, target.text))!;
    const states: LocateState[] = [];
    const list = paged();
    await scanForHit(
      list,
      { hash, role: target.role, snippet: '[number] 17' },
      10,
      () => true,
      (s) => states.push(s),
    );
    expect(states.at(-1)).toEqual({ status: 'found', hash, index: 17 });
    list.dispose();
  });

  it('reports a message the list does not hold as not found', async () => {
    const states: LocateState[] = [];
    const list = paged();
    await scanForHit(
      list,
      { hash: 'f'.repeat(64) },
      10,
      () => true,
      (s) => states.push(s),
    );
    expect(states.at(-1)).toEqual({ status: 'not-found', hash: 'f'.repeat(64) });
    list.dispose();
  });

  it('leaves the state alone once overtaken', async () => {
    const states: LocateState[] = [];
    const list = paged();
    await scanForHit(
      list,
      { hash: 'f'.repeat(64) },
      10,
      () => false,
      (s) => states.push(s),
    );
    expect(states).toEqual([]);
    list.dispose();
  });
});
