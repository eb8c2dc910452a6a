import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../../helpers/fixtures';
import {
  readTranscript,
  type TranscriptItem,
  type TranscriptStats,
} from '../../../src-main/core/formats/jsonl-transcript';
import type { ParsedMessage } from '../../../src-main/core/model';

const PROJECT = path.join(FIXTURES, 'claude-projects', '-Users-demo-PROJECTS-demo-master');
const FIRST = path.join(PROJECT, 'cd613e30-d8f1-6adf-91b7-584a2265b1f5.jsonl');
const RESUMED = path.join(PROJECT, '1e2feb89-414c-343c-1027-c4d1c386bbc4.jsonl');
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  number
>;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-jsonl-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let fileNo = 0;
const tmpFile = (content: string | Buffer): string => {
  const file = path.join(tmp, `t${fileNo++}.jsonl`);
  fs.writeFileSync(file, content);
  return file;
};

async function read(file: string, opts?: Parameters<typeof readTranscript>[2]) {
  const items: TranscriptItem[] = [];
  const stats = await readTranscript(file, (i) => items.push(i), opts);
  const messages = items.flatMap((i) => (i.kind === 'message' ? [i.message] : []));
  return { items, stats, messages };
}

const line = (o: object): string => `${JSON.stringify(o)}\n`;
const base = {
  sessionId: 's1',
  cwd: '/p',
  gitBranch: 'main',
  isSidechain: false,
  timestamp: '2026-01-01T00:00:00Z',
};

describe('readTranscript on the fixtures', () => {
  it('matches the counts in expected.json', async () => {
    const a = await read(FIRST);
    const b = await read(RESUMED);
    const uuids = new Set(
      [...a.messages, ...b.messages].flatMap((m) => (m.uuid ? [m.uuid.replace(/#\d+$/, '')] : [])),
    );
    expect(uuids.size).toBe(expected.jsonl_distinct_message_uuids);
    expect(a.stats.badLines + b.stats.badLines).toBe(expected.jsonl_bad_lines);
    expect(a.stats.unknownTypes + b.stats.unknownTypes).toBe(expected.jsonl_unknown_types);
    const turns = new Set(a.messages.filter((m) => m.turnId).map((m) => m.turnId));
    expect(turns.size).toBe(expected.jsonl_assistant_turns_first);
  });

  it('reads the first session completely, its summary row as its title', async () => {
    const { stats, messages: all } = await read(FIRST);
    expect(all[0]).toMatchObject({
      role: 'system',
      kind: 'title',
      text: 'Demo session',
    });
    const messages = all.slice(1);
    expect(stats).toEqual<TranscriptStats>({
      lines: 22,
      messages: 21,
      badLines: 0,
      badLineNumbers: [],
      unknownTypes: 0,
      skippedTypes: 1,
      compactions: 0,
      sessionIds: ['cd613e30-d8f1-6adf-91b7-584a2265b1f5'],
      endOffset: fs.statSync(FIRST).size,
      partialTail: false,
    });
    expect(messages.slice(0, 5).map((m) => [m.role, m.text, m.toolName])).toEqual([
      ['user', 'Question 0 about demo-master in cd613e30', undefined],
      ['thinking', 'Consider case 0.', undefined],
      ['assistant', 'Answer 0: the fix is in module 0.', undefined],
      ['tool_call', 'Bash({"command":"ls src/0"})', 'Bash'],
      ['tool_result', 'file_0.ts', 'Bash'],
    ]);
    expect(messages[0]).toMatchObject({
      uuid: '78e51061-7311-d8a3-c2ce-6f447ed4d57b',
      parentUuid: null,
      sessionId: 'cd613e30-d8f1-6adf-91b7-584a2265b1f5',
      timestamp: '2026-10-01T10:00:00.000Z',
      cwd: '/Users/demo/PROJECTS/demo-master',
      gitBranch: 'main',
      isSidechain: false,
    });
    expect(messages[1]).toMatchObject({
      turnId: 'msg_35bf992dc9e9c616612e',
      parentUuid: '78e51061-7311-d8a3-c2ce-6f447ed4d57b',
    });
  });

  it('reads the resumed copy: two session ids, a compaction, the unknown type and the broken line', async () => {
    const { stats, items } = await read(RESUMED);
    expect(new Set(stats.sessionIds)).toEqual(
      new Set(['cd613e30-d8f1-6adf-91b7-584a2265b1f5', '1e2feb89-414c-343c-1027-c4d1c386bbc4']),
    );
    expect(stats).toMatchObject({
      lines: 34,
      messages: 30,
      badLines: 1,
      unknownTypes: 1,
      skippedTypes: 1,
      compactions: 1,
      partialTail: false,
    });
    // The broken last line is newline-terminated, so it is consumed (and counted bad).
    expect(stats.endOffset).toBe(fs.statSync(RESUMED).size);
    expect(items.filter((i) => i.kind !== 'message')).toEqual([
      {
        kind: 'compaction',
        line: 33,
        boundary: {
          uuid: '2b28fef0-2b9c-014e-a5ac-06d864c2f2e3',
          sessionId: '1e2feb89-414c-343c-1027-c4d1c386bbc4',
          logicalParentUuid: '9403560d-97da-e38d-9d64-3c25fbb230bb',
          timestamp: '2026-10-01T11:00:00.000Z',
          trigger: 'manual',
        },
      },
      { kind: 'bad-line', line: 34, reason: expect.stringMatching(/^not valid JSON/) },
    ]);
  });

  it('passes the agent id of a subagent file to every message', async () => {
    const { messages } = await read(FIRST, { agentId: 'agent-42' });
    expect(messages.every((m) => m.agentId === 'agent-42')).toBe(true);
  });
});

describe('readTranscript mapping', () => {
  it('splits a multi-block assistant line into messages with suffixed uuids', async () => {
    const file = tmpFile(
      line({
        ...base,
        type: 'assistant',
        uuid: 'u1',
        parentUuid: 'u0',
        message: {
          id: 'msg_1',
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'hmm' },
            { type: 'text', text: 'Here.' },
            { type: 'tool_use', id: 'toolu_1', name: 'Read', input: { file_path: '/a.ts' } },
            { type: 'text', text: '' },
          ],
        },
      }),
    );
    const { messages } = await read(file);
    expect(messages.map((m) => [m.uuid, m.role, m.text, m.turnId, m.parentUuid])).toEqual([
      ['u1', 'thinking', 'hmm', 'msg_1', 'u0'],
      ['u1#1', 'assistant', 'Here.', 'msg_1', 'u0'],
      ['u1#2', 'tool_call', 'Read({"file_path":"/a.ts"})', 'msg_1', 'u0'],
    ]);
    expect(messages[2].toolName).toBe('Read');
  });

  it('maps user blocks: text and images form the prompt, tool results stand alone and name their tool', async () => {
    const file = tmpFile(
      line({
        ...base,
        type: 'assistant',
        uuid: 'a',
        message: { id: 'm', content: [{ type: 'tool_use', id: 't1', name: 'Bash', input: {} }] },
      }) +
        line({
          ...base,
          type: 'user',
          uuid: 'u',
          isMeta: true,
          agentId: 'agent-7',
          message: {
            role: 'user',
            content: [
              {
                type: 'tool_result',
                tool_use_id: 't1',
                content: [
                  { type: 'text', text: 'out' },
                  { type: 'image', source: {} },
                ],
              },
              { type: 'text', text: 'Look at this' },
              { type: 'image', source: {} },
              { type: 'tool_result', tool_use_id: 'unknown', content: '' },
            ],
          },
        }),
    );
    const { messages } = await read(file);
    expect(messages.slice(1)).toEqual([
      expect.objectContaining({
        uuid: 'u',
        role: 'tool_result',
        text: 'out\n[image]',
        toolName: 'Bash',
        isMeta: true,
        agentId: 'agent-7',
      }),
      expect.objectContaining({ uuid: 'u#1', role: 'user', text: 'Look at this\n[image]', isMeta: true }),
    ]);
  });

  it('keeps other system lines with text, skips bookkeeping, counts unknown types and bad lines', async () => {
    const file = tmpFile(
      [
        line({ ...base, type: 'system', uuid: 's', subtype: 'informational', content: 'Hook ran' }),
        line({ ...base, type: 'system', uuid: 's2', subtype: 'turn_duration' }),
        line({ type: 'file-history-snapshot', snapshot: {} }),
        line({ type: 'ai-title', title: 'x' }),
        line({ type: 'brand-new-type', sessionId: 's1' }),
        '\n',
        '   \r\n',
        '[1,2]\n',
        '42\n',
        line({ ...base, type: 'user', uuid: 'nomsg' }),
        line({ ...base, type: 'assistant', uuid: 'empty', message: { content: [] } }),
        '{"type":"user", oops}\r\n',
      ].join(''),
    );
    const { stats, items, messages } = await read(file);
    expect(messages).toEqual([expect.objectContaining({ role: 'system', text: 'Hook ran', uuid: 's' })]);
    expect(stats).toMatchObject({ lines: 12, messages: 1, skippedTypes: 3, unknownTypes: 1, badLines: 4 });
    expect(items.filter((i) => i.kind === 'bad-line').map((i) => i.line)).toEqual([8, 9, 10, 12]);
    expect(stats.badLineNumbers).toEqual([8, 9, 10, 12]);
  });

  it('reads bare strings inside a content array as text', async () => {
    const file = tmpFile(
      line({
        ...base,
        type: 'user',
        uuid: 'u',
        message: { content: ['wow error', { type: 'text', text: 'and more' }] },
      }) +
        line({ ...base, type: 'assistant', uuid: 'a', message: { id: 'm', content: ['a bare reply'] } }) +
        line({
          ...base,
          type: 'user',
          uuid: 'r',
          message: { content: [{ type: 'tool_result', tool_use_id: 't', content: ['bare result'] }] },
        }),
    );
    const { messages } = await read(file);
    expect(messages.map((m) => [m.role, m.text])).toEqual([
      ['user', 'wow error\nand more'],
      ['assistant', 'a bare reply'],
      ['tool_result', 'bare result'],
    ]);
  });

  it('keeps exact byte offsets across chunk boundaries and multi-byte characters', async () => {
    const long = '⏺é'.repeat(700_000); // > 1 MiB of 2- and 3-byte characters in one line
    const content =
      line({ ...base, type: 'user', uuid: 'big', message: { content: long } }) +
      line({ ...base, type: 'user', uuid: 'small', message: { content: 'ok' } });
    const file = tmpFile(content);
    const { stats, messages } = await read(file);
    expect(messages.map((m) => m.text)).toEqual([long, 'ok']);
    expect(stats.endOffset).toBe(Buffer.byteLength(content));
  });
});

describe('readTranscript incrementally', () => {
  it('reads from endOffset exactly the items appended since', async () => {
    const file = path.join(tmp, 'resumed-copy.jsonl');
    fs.copyFileSync(RESUMED, file);
    const first = await read(file);
    const appended =
      line({ ...base, type: 'user', uuid: 'new-1', message: { content: 'appended question' } }) +
      line({ type: 'last-prompt', sessionId: 's1' });
    fs.appendFileSync(file, appended);
    const second = await read(file, { startOffset: first.stats.endOffset, startLine: first.stats.lines + 1 });
    expect(second.items).toEqual([
      {
        kind: 'message',
        line: 35,
        message: expect.objectContaining({ uuid: 'new-1', text: 'appended question' }),
      },
    ]);
    expect(second.stats).toMatchObject({
      lines: 2,
      messages: 1,
      skippedTypes: 1,
      badLines: 0,
      partialTail: false,
    });
    expect(second.stats.endOffset).toBe(fs.statSync(file).size);
  });

  it('does not consume a fragment without newline until it is completed', async () => {
    const done = line({ ...base, type: 'user', uuid: 'u1', message: { content: 'one' } });
    const pending = JSON.stringify({ ...base, type: 'user', uuid: 'u2', message: { content: 'two' } });
    const file = tmpFile(done + pending);
    const a = await read(file);
    expect(a.messages.map((m) => m.uuid)).toEqual(['u1']);
    expect(a.stats).toMatchObject({ partialTail: true, badLines: 0, endOffset: Buffer.byteLength(done) });

    fs.appendFileSync(file, '\n');
    const b = await read(file, { startOffset: a.stats.endOffset });
    expect(b.messages.map((m) => m.uuid)).toEqual(['u2']);
    expect(b.stats).toMatchObject({ partialTail: false, endOffset: fs.statSync(file).size });
  });

  it('leaves a half-written fragment waiting for its end: not a bad line, not consumed', async () => {
    const done = line({ ...base, type: 'user', uuid: 'u1', message: { content: 'one' } });
    const file = tmpFile(`${done}{"type":"assistant","mess`);
    const a = await read(file, { settledSize: fs.statSync(file).size });
    expect(a.items.filter((i) => i.kind === 'bad-line')).toEqual([]);
    expect(a.stats).toMatchObject({
      partialTail: true,
      badLines: 0,
      lines: 1,
      endOffset: Buffer.byteLength(done),
    });
  });

  it('reads a complete last line without a newline once the file has settled at that size', async () => {
    const done = line({ ...base, type: 'user', uuid: 'u1', message: { content: 'one' } });
    const last = JSON.stringify({ ...base, type: 'user', uuid: 'u2', message: { content: 'two' } });
    const file = tmpFile(done + last);
    const size = fs.statSync(file).size;
    const unsettled = await read(file);
    expect(unsettled.messages.map((m) => m.uuid)).toEqual(['u1']);
    expect(unsettled.stats.partialTail).toBe(true);
    // Grown since it was judged settled: the fragment may be a longer line's beginning.
    const grown = await read(file, { settledSize: size + 10 });
    expect(grown.messages.map((m) => m.uuid)).toEqual(['u1']);
    const settled = await read(file, { settledSize: size });
    expect(settled.items).toContainEqual(expect.objectContaining({ kind: 'message', line: 2 }));
    expect(settled.messages.map((m) => m.uuid)).toEqual(['u1', 'u2']);
    expect(settled.stats).toMatchObject({ partialTail: false, lines: 2, endOffset: size, badLines: 0 });

    // What is appended later (with or without a leading newline) is read from there on.
    fs.appendFileSync(file, line({ ...base, type: 'user', uuid: 'u3', message: { content: 'three' } }));
    const next = await read(file, { startOffset: size, settledSize: fs.statSync(file).size });
    expect(next.messages.map((m) => m.uuid)).toEqual(['u3']);
  });

  it('returns nothing new when nothing was appended', async () => {
    const size = fs.statSync(FIRST).size;
    const { items, stats } = await read(FIRST, { startOffset: size });
    expect(items).toEqual([]);
    expect(stats).toMatchObject({ lines: 0, endOffset: size, partialTail: false });
  });
});

describe('readTranscript on a large file', () => {
  it('streams a 50 MB transcript', async () => {
    const file = path.join(tmp, 'large.jsonl');
    const fd = fs.openSync(file, 'w');
    const filler = 'x'.repeat(400);
    let bytes = 0;
    let n = 0;
    while (bytes < 50 * 1024 * 1024) {
      const batch: string[] = [];
      for (let k = 0; k < 1000; k++, n++)
        batch.push(line({ ...base, type: 'user', uuid: `u${n}`, message: { content: `${n} ${filler}` } }));
      const chunk = batch.join('');
      fs.writeSync(fd, chunk);
      bytes += Buffer.byteLength(chunk);
    }
    fs.closeSync(fd);
    let count = 0;
    let last: ParsedMessage | undefined;
    const stats = await readTranscript(file, (i) => {
      if (i.kind === 'message') [count, last] = [count + 1, i.message];
    });
    expect(count).toBe(n);
    expect(last?.uuid).toBe(`u${n - 1}`);
    expect(stats.endOffset).toBe(bytes);
    fs.rmSync(file);
  }, 120_000);
});
