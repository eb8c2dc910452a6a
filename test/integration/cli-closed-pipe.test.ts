import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, makeWorkspace, placeFile, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

/**
 * `coditect search … | head`: the reader closes after a few lines while the command still
 * prints. Every printing command must then end quietly (no EPIPE stack trace), through a real
 * shell pipe to a real process that exits early.
 */

let w: Workspace;

beforeAll(() => {
  w = makeWorkspace({ exports: [], transcripts: false });
  const rows = Array.from({ length: 3000 }, (_, i) =>
    JSON.stringify({
      type: 'user',
      uuid: `u${i}`,
      sessionId: 's1',
      cwd: '/p',
      timestamp: '2026-11-01T10:00:00.000Z',
      message: { content: `needle number ${i} ${'padding words to make each hit long '.repeat(4)}` },
    }),
  );
  const staging = path.join(w.base, 's1.jsonl');
  fs.writeFileSync(staging, `${rows.join('\n')}\n`);
  placeFile(staging, path.join(w.claudeProjects, '-p', 's1.jsonl'));
  expect(runCli(w, ['export-dedup', '--root', w.root, '--yes', '--no-git']).code).toBe(0);
}, 120_000);

afterAll(() => rmWorkspace(w));

/**
 * Runs `coditect <args> | head -n 1` in bash; returns coditect's stderr and exit status.
 * `both`: `2>&1 | head`, where the progress lines (stderr) lose their reader too.
 */
function throughHead(args: string[], both = false): { stderr: string; status: string; firstLine: string } {
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const errTo = both ? '2>&1' : `2>"${w.base}/err"`;
  if (both) fs.writeFileSync(path.join(w.base, 'err'), '');
  const script = `"${process.execPath}" "${CLI}" ${quoted} ${errTo} | head -n 1; echo "\${PIPESTATUS[0]}" >"${w.base}/status"`;
  const r = spawnSync('bash', ['-c', script], {
    cwd: w.home,
    env: w.env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return {
    stderr: fs.readFileSync(path.join(w.base, 'err'), 'utf8'),
    status: fs.readFileSync(path.join(w.base, 'status'), 'utf8').trim(),
    firstLine: r.stdout.trim(),
  };
}

describe('a printing command whose reader closes early', () => {
  it.each([
    ['search', ['search', 'needle', '--limit', '3000', '--root']],
    ['search --json', ['search', 'needle', '--limit', '3000', '--json', '--root']],
    ['log tail', ['log', 'tail', '-n', '100000', '--root']],
  ])('%s ends quietly', (_name, args) => {
    const r = throughHead([...args, w.root]);
    expect(r.firstLine).not.toBe('');
    expect(r.stderr).toBe('');
    expect(r.status).toBe('0');
  });
});

describe('a run whose reader closes early', () => {
  it('is not cut short: it finishes its work and its exit code stands', () => {
    const extra = path.join(w.claudeProjects, '-p', 's2.jsonl');
    const staging = path.join(w.base, 's2.jsonl');
    const rows = Array.from({ length: 50 }, (_, i) =>
      JSON.stringify({ type: 'user', uuid: `v${i}`, sessionId: 's2', message: { content: `late ${i}` } }),
    );
    fs.writeFileSync(staging, `${rows.join('\n')}\n`);
    placeFile(staging, extra);
    const r = throughHead(['export-dedup', '--yes', '--no-git', '--root', w.root]);
    expect(r.stderr).not.toMatch(/EPIPE|at .*:\d+:\d+/);
    expect(r.status).toBe('0');
    const search = runCli(w, ['search', 'late', '--limit', '100', '--json', '--root', w.root]);
    expect(JSON.parse(search.stdout).hits).toHaveLength(50);
  });
});

describe('a run whose progress lines lose their reader (`2>&1 | head`)', () => {
  it('still finishes its work, closes its index and exits 0', () => {
    const staging = path.join(w.base, 's3.jsonl');
    const rows = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({ type: 'user', uuid: `p${i}`, sessionId: 's3', message: { content: `progress ${i}` } }),
    );
    fs.writeFileSync(staging, `${rows.join('\n')}\n`);
    placeFile(staging, path.join(w.claudeProjects, '-p', 's3.jsonl'));
    const r = throughHead(['export-dedup', '--yes', '--no-git', '--root', w.root], true);
    expect(r.firstLine).not.toBe('');
    expect(r.status).toBe('0');
    const search = runCli(w, ['search', 'progress', '--limit', '100', '--json', '--root', w.root]);
    expect(JSON.parse(search.stdout).hits).toHaveLength(20);
    const next = runCli(w, ['export-dedup', '--yes', '--no-git', '--root', w.root]);
    expect(next.stderr + next.stdout).not.toContain('the last run did not close the index');
  });
});
