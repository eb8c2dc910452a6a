import { describe, expect, it } from 'vitest';
import { candidateRole } from '../../../src-main/core/discovery/candidates';
import { transcriptPlace } from '../../../src-main/core/discovery/transcript-path';
import { TaskPool } from '../../../src-main/core/discovery/task-pool';

describe('candidateRole', () => {
  it('admits export-like names outside transcript dirs', () => {
    for (const n of ['chat.txt', 'notes', 'a.MD', 'x.log', 'y.text', '2025-10-01-session']) expect(candidateRole(n, false)).toBe('export');
    for (const n of ['a.ts', 'b.json', 'c.jsonl', '.env', 'd.png', 'v1.2']) expect(candidateRole(n, false)).toBeNull();
  });

  it('admits only .jsonl inside transcript dirs', () => {
    expect(candidateRole('s.jsonl', true)).toBe('transcript');
    expect(candidateRole('s.txt', true)).toBeNull();
  });
});

describe('transcriptPlace', () => {
  it('takes the project from the first folder and the agent from the name', () => {
    expect(transcriptPlace(['-p', 's.jsonl'])).toEqual({ projectDir: '-p' });
    expect(transcriptPlace(['-p', 's', 'subagents', 'agent-a1b2.jsonl'])).toEqual({ projectDir: '-p', agentId: 'a1b2' });
    expect(transcriptPlace(['loose.jsonl'])).toEqual({});
  });
});

describe('TaskPool', () => {
  it('never runs more than its limit and waits for tasks added by tasks', async () => {
    const pool = new TaskPool(3);
    let running = 0;
    let peak = 0;
    let done = 0;
    const task = (children: number) => (finish: () => void) => {
      running++;
      peak = Math.max(peak, running);
      setImmediate(() => {
        for (let i = 0; i < children; i++) pool.add(task(0));
        running--;
        done++;
        finish();
      });
    };
    for (let i = 0; i < 10; i++) pool.add(task(2));
    await pool.drain();
    expect(done).toBe(30);
    expect(peak).toBe(3);
  });

  it('turns a throw inside a guarded callback into a rejected drain, not a crash', async () => {
    const pool = new TaskPool(2);
    pool.add((finish) => {
      setImmediate(
        pool.guard(finish, () => {
          throw new Error('bug');
        }),
      );
    });
    await expect(pool.drain()).rejects.toThrow('bug');
  });

  it('drains at once when empty', async () => {
    await expect(new TaskPool(1).drain()).resolves.toBeUndefined();
  });
});
