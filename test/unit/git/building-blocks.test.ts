import fc from 'fast-check';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { drainQueue, mapLimit } from '../../../src-main/core/git/bounded';
import { checkpointMessage, messageArgs } from '../../../src-main/core/git/commit-message';
import { childrenFirst, isInside } from '../../../src-main/core/git/commit-plan';
import { describeFault, fault } from '../../../src-main/core/git/faults';
import { gitEnv } from '../../../src-main/core/git/git-runner';
import { parseCommitObject } from '../../../src-main/core/git/last-commit';

describe('mapLimit and drainQueue', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(5), { maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        async (delays, limit) => {
          let running = 0;
          let peak = 0;
          const out = await mapLimit(delays, limit, async (d, i) => {
            peak = Math.max(peak, ++running);
            await new Promise((r) => setTimeout(r, d));
            running--;
            return i;
          });
          expect(out).toEqual(delays.map((_, i) => i));
          expect(peak).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('drains a queue that grows while it is worked', async () => {
    const seen: number[] = [];
    await drainQueue([1], 3, async (n, add) => {
      seen.push(n);
      await new Promise((r) => setImmediate(r));
      if (n < 40) [2 * n, 2 * n + 1].forEach(add);
    });
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 79 }, (_, i) => i + 1));
  });

  it('resolves at once on an empty queue', async () => {
    await drainQueue([], 4, async () => {});
  });
});

describe('commit messages', () => {
  it('is `checkpoint: <title>` with the stats as a trailer and the moved submodules', () => {
    const args = messageArgs(checkpointMessage('Fix the log cap', 'read=10 new=4 duplicates=6'), [
      'submodules/a',
      'submodules/b',
    ]);
    expect(args).toEqual([
      '-m',
      'checkpoint: Fix the log cap',
      '-m',
      'Checkpoint-Stats: read=10 new=4 duplicates=6\nSubmodules: submodules/a, submodules/b',
    ]);
  });

  it('redacts secrets and keeps the subject to one bounded line', () => {
    const args = messageArgs(checkpointMessage(`use ghp_${'a'.repeat(36)}\nplease ${'x'.repeat(200)}`));
    expect(args[1]).not.toContain('ghp_aaaa');
    expect(args[1]).toContain('[REDACTED:github-token]');
    expect(args[1]).not.toContain('\n');
    expect(args[1]!.length).toBeLessThanOrEqual(100);
  });
});

describe('plans', () => {
  it('orders children before parents', () => {
    const dirs = ['/r', '/r/a/sub', '/r/a', '/r/b', '/r/a/sub/deeper'].map((dir) => ({
      dir: path.resolve(dir),
    }));
    const order = childrenFirst(dirs).map((d) => d.dir);
    for (const d of order) {
      const ancestors = order.filter((o) => o !== d && isInside(d, o));
      for (const a of ancestors) expect(order.indexOf(a)).toBeGreaterThan(order.indexOf(d));
    }
  });

  it('isInside respects path boundaries', () => {
    expect(isInside('/a/b/c', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/bc', '/a/b')).toBe(false);
  });
});

describe('faults', () => {
  it('name the repository and say what to do', () => {
    const all = [
      fault.missingRepo('/r/x'),
      fault.indexLocked('/r/x', '/r/x/.git/index.lock', 3000),
      fault.noIdentity('/r/x'),
      fault.detachedHead('/r/x', 'abcdef1234567890'),
      fault.conflicts('/r/x', ['a', 'b', 'c', 'd']),
      fault.operationInProgress('/r/x', 'rebase'),
      fault.hookFailed('/r/x', 'lint failed'),
      fault.notStaged('/r/x', ['a']),
      fault.leftBehind('/r/x', 'abc', ['a']),
      fault.noRemote('/r/x', 'main', 'the repository has no remote'),
      fault.pushRejected('/r/x', 'origin main', '!\trefs/heads/main'),
      fault.pushFailed('/r/x', 'origin main', 'could not resolve host'),
      fault.gitFailed('/r/x', 'add', 'fatal: something'),
    ];
    for (const f of all) {
      const text = describeFault(f);
      expect(text).toContain('/r/x');
      expect(text).toContain('Fix: ');
      if (f.output) expect(text).toContain(`| ${f.output.split('\n')[0]}`);
    }
    expect(new Set(all.map((f) => f.kind)).size).toBe(all.length);
  });
});

describe('the git environment', () => {
  it('drops variables that would point git elsewhere and never prompts', () => {
    const env = gitEnv({ GIT_DIR: '/x', GIT_INDEX_FILE: '/y', LC_ALL: 'de_DE.UTF-8', PATH: '/bin' }, true);
    expect(env.GIT_DIR).toBeUndefined();
    expect(env.GIT_INDEX_FILE).toBeUndefined();
    expect(env.GIT_TERMINAL_PROMPT).toBe('0');
    expect(env.GIT_OPTIONAL_LOCKS).toBe('0');
    expect(env.LC_ALL).toBeUndefined();
    expect(env.LC_CTYPE).toBe('de_DE.UTF-8');
    expect(env.PATH).toBe('/bin');
  });
});

describe('parseCommitObject', () => {
  it('reads the subject and committer time of a raw commit', () => {
    const body =
      'tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor A <a@x> 1700000000 +0100\ncommitter C <c@x> 1700000123 -0500\n\nSubject line\ncontinued\n\nBody text\n';
    const c = parseCommitObject('abc', `commit ${body.length}\0${body}`);
    expect(c).toEqual({
      hash: 'abc',
      subject: 'Subject line continued',
      time: new Date(1700000123 * 1000).toISOString(),
    });
  });

  it('says null for anything that is not a commit', () => {
    expect(parseCommitObject('abc', 'blob 3\0abc')).toBeNull();
    expect(parseCommitObject('abc', 'commit 5\0tree x')).toBeNull();
  });
});
