/** Which matches search ranks: all of them, or the newest RANKED_MATCHES when there are more. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connection } from '../../../src-main/core/memory/connection';
import { RANKED_MATCHES, searchMessages } from '../../../src-main/core/memory/search-queries';
import { MemoryStore } from '../../../src-main/core/memory/store';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** One short message that ranks best ("walrus" thrice), then `newer` longer ones that match less well. */
function store(newer: number): MemoryStore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-rank-'));
  dirs.push(dir);
  const s = MemoryStore.open(path.join(dir, 'coditect.sqlite'));
  const db = connection(s);
  const add = db.prepare("INSERT INTO messages(hash, role, text, first_seen) VALUES (?, ?, ?, 'now')");
  db.transaction(() => {
    add.run('best', 'user', 'walrus walrus walrus');
    for (let i = 0; i < newer; i++)
      add.run(
        `h${i}`,
        i % 2 ? 'assistant' : 'user',
        `a walrus among many other words in message number ${i}`,
      );
  })();
  s.catchUpSearchIndex();
  return s;
}

describe('search ranking', () => {
  it('ranks every match when there are at most RANKED_MATCHES: the best comes first, whatever its age', () => {
    const s = store(RANKED_MATCHES - 1);
    const hits = searchMessages(s, 'walrus', 5);
    expect(hits[0]!.hash).toBe('best');
    expect(hits[0]!.snippet).toBe('[walrus] [walrus] [walrus]');
    expect(hits.map((h) => h.rank)).toEqual([...hits.map((h) => h.rank)].sort((a, b) => a - b));
    s.close();
  });

  it('past RANKED_MATCHES matches, ranks the newest ones only', () => {
    const s = store(RANKED_MATCHES);
    const hits = searchMessages(s, 'walrus', 5);
    expect(hits).toHaveLength(5);
    expect(hits.map((h) => h.hash)).not.toContain('best');
    // Equal ranks keep the order of the messages, oldest first, as before the limit.
    expect(hits.map((h) => h.messageId)).toEqual([...hits.map((h) => h.messageId)].sort((a, b) => a - b));
    s.close();
  });

  it('counts the newest matches after the filters', () => {
    // Half the newer messages are the user's: fewer than RANKED_MATCHES with the role filter.
    const s = store(RANKED_MATCHES);
    expect(searchMessages(s, 'walrus', 5, { role: 'user' })[0]!.hash).toBe('best');
    s.close();
  });
});
