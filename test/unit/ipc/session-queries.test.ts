import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listSessions, sessionThread } from '../../../src-main/core/memory/session-queries';
import { MemoryStore } from '../../../src-main/core/memory/store';
import { importFile } from '../../../src-main/core/pipeline/import-file';
import { foundTranscript } from '../../helpers/store-rows';

const S = 'sess-1';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const t = (s: number) => `2026-10-01T10:00:${String(s).padStart(2, '0')}.000Z`;
const base = { sessionId: S, cwd: '/home/u/PROJECTS/app', gitBranch: 'main' };
const user = (uuid: string, parentUuid: string | null, s: number, content: unknown, extra = {}) => ({
  type: 'user',
  uuid,
  parentUuid,
  timestamp: t(s),
  ...base,
  ...extra,
  message: { role: 'user', content },
});
const assistant = (uuid: string, parentUuid: string | null, s: number, content: unknown[], extra = {}) => ({
  type: 'assistant',
  uuid,
  parentUuid,
  timestamp: t(s),
  ...base,
  ...extra,
  message: { id: `msg-${uuid}`, role: 'assistant', content },
});

/** A session with a subagent, a compaction in the middle and a line of two blocks. */
function mainLines(): object[] {
  return [
    user('u1', null, 1, 'Please review the module'),
    assistant('a1', 'u1', 2, [
      { type: 'text', text: 'I will ask a reviewer agent.' },
      { type: 'tool_use', id: 'tu1', name: 'Task', input: { prompt: 'review' } },
    ]),
    user('r1', 'a1', 5, [{ type: 'tool_result', tool_use_id: 'tu1', content: 'Review: looks fine' }]),
    {
      type: 'system',
      subtype: 'compact_boundary',
      uuid: 'c1',
      parentUuid: null,
      logicalParentUuid: 'r1',
      sessionId: S,
      timestamp: t(6),
      compactMetadata: { trigger: 'auto' },
    },
    user('u2', 'c1', 7, 'Continue after the summary'),
    assistant('a2', 'u2', 8, [{ type: 'text', text: 'Continuing.' }]),
  ];
}

function subagentLines(): object[] {
  const side = { isSidechain: true };
  return [
    user('s1', null, 3, 'Reviewer: read the module', side),
    assistant('s2', 's1', 4, [{ type: 'text', text: 'Reviewer: it looks fine' }], side),
  ];
}

async function storeWithSession(): Promise<MemoryStore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-sessions-'));
  dirs.push(dir);
  const store = MemoryStore.open(path.join(dir, 'index.sqlite'));
  const main = write(path.join(dir, `${S}.jsonl`), mainLines());
  const agent = write(path.join(dir, S, 'subagents', 'agent-rev1.jsonl'), subagentLines());
  await importFile(store, foundTranscript(main));
  await importFile(store, { ...foundTranscript(agent), agentId: 'rev1' });
  return store;
}

function write(file: string, lines: object[]): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

describe('session queries', () => {
  it('lists the session with its compactions and subagents', async () => {
    const store = await storeWithSession();
    const [s] = listSessions(store);
    expect(s).toMatchObject({
      sessionId: S,
      project: '/home/u/PROJECTS/app',
      compactions: 1,
      subagents: 1,
      messages: 8,
    });
    expect(listSessions(store, { project: 'elsewhere' })).toEqual([]);
    store.close();
  });

  it('orders the thread by parentUuid, nests the sidechain and marks the compaction', async () => {
    const store = await storeWithSession();
    const thread = sessionThread(store, S);
    expect(thread.map((n) => n.uuid)).toEqual(['u1', 'a1', 'a1#1', 's1', 's2', 'r1', 'c1', 'u2', 'a2']);
    expect(thread.map((n) => n.depth)).toEqual([0, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect(thread.map((n) => n.text).slice(0, 4)).toEqual([
      'Please review the module',
      'I will ask a reviewer agent.',
      'Task({"prompt":"review"})',
      'Reviewer: read the module',
    ]);
    const c1 = thread.find((n) => n.uuid === 'c1')!;
    expect(c1).toMatchObject({ kind: 'compaction', role: 'system', parentUuid: 'r1' });
    expect(thread.filter((n) => n.compactionBefore).map((n) => n.uuid)).toEqual(['u2']);
    expect(thread.find((n) => n.uuid === 's1')).toMatchObject({ isSidechain: true, agentId: 'rev1' });
    expect(sessionThread(store, S, 3, 2).map((n) => n.uuid)).toEqual(['s1', 's2']);
    store.close();
  });

  it('sees messages written after a page was served (the ordering cache follows writes)', async () => {
    const store = await storeWithSession();
    expect(sessionThread(store, S).at(-1)!.uuid).toBe('a2');
    const dir = dirs.at(-1)!;
    const file = path.join(dir, `${S}.jsonl`);
    fs.appendFileSync(file, JSON.stringify(user('u3', 'a2', 9, 'One more thing')) + '\n');
    await importFile(store, foundTranscript(file));
    expect(sessionThread(store, S).at(-1)).toMatchObject({ uuid: 'u3', text: 'One more thing' });
    store.close();
  });

  it('keeps lines caught in a parent cycle instead of losing them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-sessions-'));
    dirs.push(dir);
    const store = MemoryStore.open(path.join(dir, 'index.sqlite'));
    const file = write(path.join(dir, 'loop.jsonl'), [
      user('x1', 'x2', 1, 'first of a loop'),
      user('x2', 'x1', 2, 'second of a loop'),
    ]);
    await importFile(store, foundTranscript(file));
    expect(
      sessionThread(store, S)
        .map((n) => n.uuid)
        .sort(),
    ).toEqual(['x1', 'x2']);
    store.close();
  });
});
