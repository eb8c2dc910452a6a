import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CheckpointRepository } from '../../../src-main/core/memory/checkpoints';
import { searchMessages } from '../../../src-main/core/memory/search-queries';
import { MessageWriter } from '../../../src-main/core/memory/message-writer';
import { listSessions } from '../../../src-main/core/memory/session-queries';
import { MemoryStore } from '../../../src-main/core/memory/store';
import { insertExportSource } from '../../helpers/store-rows';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Two teammates' checkpoints in one index: Ann's on her laptop, Bob's on his desktop. */
function teamStore(): MemoryStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-team-'));
  dirs.push(dir);
  const store = MemoryStore.open(path.join(dir, 'coditect.sqlite'));
  const repo = new CheckpointRepository(store);
  for (const [who, machine] of [
    ['Ann <ann@example.com>', 'ann-laptop'],
    ['Bob <bob@example.com>', 'bob-desktop'],
  ] as const) {
    const name = who.split(' ')[0]!.toLowerCase();
    const writer = new MessageWriter(store, insertExportSource(store, `${name}.txt`), 0, 'now');
    writer.add({ role: 'user', text: `${name} asks about the deploy`, sessionId: `session-${name}` });
    writer.add({ role: 'user', text: 'a question both asked', sessionId: `session-${name}` });
    repo.createFromUnassigned({
      id: `cp-${name}`,
      title: name,
      createdAt: 'now',
      document: `checkpoints/cp-${name}.md`,
      author: who,
      machine,
    });
  }
  store.catchUpSearchIndex();
  return store;
}

describe('who and where', () => {
  it('sessions filter by the author and the machine of their checkpoints', () => {
    const store = teamStore();
    const ids = (f: Parameters<typeof listSessions>[1]) => listSessions(store, f).map((s) => s.sessionId);
    expect(ids({}).sort()).toEqual(['session-ann', 'session-bob']);
    expect(ids({ author: 'ann@example.com' })).toEqual(['session-ann']);
    expect(ids({ machine: 'desktop' })).toEqual(['session-bob']);
    expect(ids({ author: 'Ann', machine: 'desktop' })).toEqual([]);
    store.close();
  });

  it('search filters by author and machine; a message both imported is found for each', () => {
    const store = teamStore();
    const hits = (q: string, f: Parameters<typeof searchMessages>[3]) =>
      searchMessages(store, q, 10, f).length;
    expect(hits('deploy', {})).toBe(2);
    expect(hits('deploy', { author: 'Bob' })).toBe(1);
    expect(hits('both', { author: 'Ann' })).toBe(1);
    expect(hits('both', { machine: 'bob-desktop' })).toBe(1);
    expect(hits('deploy', { machine: 'nowhere' })).toBe(0);
    store.close();
  });
});
