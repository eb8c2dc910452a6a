import { describe, expect, it } from 'vitest';
import { candidateRole } from '../../../src-main/core/discovery/candidates';
import { transcriptPlace } from '../../../src-main/core/discovery/transcript-path';
import { TimeSlicer } from '../../../src-main/core/discovery/time-slicer';

describe('candidateRole', () => {
  it('admits export-like names outside transcript dirs', () => {
    for (const n of ['chat.txt', 'notes', 'a.MD', 'x.log', 'y.text', '2025-10-01-session'])
      expect(candidateRole(n, false)).toBe('export');
    for (const n of ['a.ts', 'b.json', 'c.jsonl', '.env', 'd.png', 'v1.2'])
      expect(candidateRole(n, false)).toBeNull();
  });

  it('reads the extension as path.extname does, case-insensitively', () => {
    for (const n of ['A.TXT', 'x.tar.txt', 'b.Log', 'c.TEXT', 'README.md', 'v1.2.md'])
      expect(candidateRole(n, false), n).toBe('export');
    for (const n of ['a.', 'a..', 'a.txt.', 'a.texts', 'x.md.bak', 'notes.txt~', 'a.tx'])
      expect(candidateRole(n, false), n).toBeNull();
  });

  it('admits only .jsonl inside transcript dirs', () => {
    expect(candidateRole('s.jsonl', true)).toBe('transcript');
    expect(candidateRole('s.txt', true)).toBeNull();
  });
});

describe('transcriptPlace', () => {
  it('takes the project from the first folder and the agent from the name', () => {
    expect(transcriptPlace(['-p', 's.jsonl'])).toEqual({ projectDir: '-p' });
    expect(transcriptPlace(['-p', 's', 'subagents', 'agent-a1b2.jsonl'])).toEqual({
      projectDir: '-p',
      agentId: 'a1b2',
    });
    expect(transcriptPlace(['loose.jsonl'])).toEqual({});
  });
});

describe('TimeSlicer', () => {
  it('lets other callbacks run when a slice is used up', async () => {
    const slicer = new TimeSlicer(0);
    let ran = false;
    setImmediate(() => (ran = true));
    expect(slicer.due()).toBe(true);
    await slicer.pause();
    expect(ran).toBe(true);
  });

  it('is not due at the start of a long slice', () => {
    expect(new TimeSlicer(60_000).due()).toBe(false);
  });
});
