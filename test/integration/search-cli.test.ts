/** `coditect search` with the search syntax, through the real CLI over a real import. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

let ws: Workspace;
beforeAll(() => {
  ws = makeWorkspace({ exports: ['export-v1-macos.txt'], transcripts: false });
  const r = runCli(ws, ['export-dedup', '--yes', '--no-git']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);
afterAll(() => ws && rmWorkspace(ws));

describe('coditect search', () => {
  it('refuses an invalid query with exit 2 and says what is wrong', () => {
    const r = runCli(ws, ['search', '"unclosed', 'phrase']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/quotation mark is not closed/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('excludes with -word and never prints an operator as a hit', () => {
    const all = JSON.parse(runCli(ws, ['search', 'license', '--json']).stdout) as {
      hits: { snippet: string }[];
    };
    expect(all.hits.length).toBeGreaterThan(0);
    const r = runCli(ws, ['search', 'license', 'NOT', 'activation', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const some = JSON.parse(r.stdout) as { hits: { snippet: string }[] };
    expect(some.hits.length).toBeLessThan(all.hits.length);
    for (const h of some.hits) {
      expect(h.snippet).not.toMatch(/\[(NOT|not)\]/);
      expect(h.snippet.toLowerCase()).not.toContain('activation');
    }
  });
});
