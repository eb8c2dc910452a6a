import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

/** `coditect setup` headless, as the wizard's steps run without a window. */
const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

describe('coditect setup', () => {
  it('plans, applies, changes nothing the second time, and removes what it made', () => {
    const ws = makeWorkspace({ exports: [], transcripts: false });
    spaces.push(ws);
    const root = path.join(ws.base, 'fresh-root');
    const plan = runCli(ws, ['setup', '--root', root]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('Nothing changed. Run again with --yes');
    expect(fs.existsSync(root)).toBe(false);

    const first = JSON.parse(runCli(ws, ['setup', '--root', root, '--yes', '--json']).stdout);
    expect(first.changed).toBe(true);
    expect(fs.existsSync(path.join(root, 'coditect-memory', 'MEMORY-CONTEXT', 'dedup_state'))).toBe(true);
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    expect(fs.readFileSync(path.join(ws.home, '.claude', 'commands', 'export-dedup.md'), 'utf8')).toContain(
      'coditect export-dedup --yes',
    );
    const second = runCli(ws, ['setup', '--root', root, '--yes']);
    expect(second.stdout).toContain('Already set up: nothing changed.');

    const removed = runCli(ws, ['setup', '--remove', '--json']);
    expect(JSON.parse(removed.stdout).kept).toEqual([]);
    expect(fs.existsSync(root)).toBe(false);
    expect(fs.existsSync(path.join(ws.home, '.claude', 'commands', 'export-dedup.md'))).toBe(false);
  });
});
