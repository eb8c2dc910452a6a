import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { workspaceRunOptions } from '../../../src-main/core/pipeline/run-options';
import { settingsFile } from '../../../src-main/core/settings/settings';
import { resolveWorkspace } from '../../../src-main/core/workspace/resolve-workspace';
import { makeWorkspace, rmWorkspace, type Workspace } from '../../helpers/workspace';

const spaces: Workspace[] = [];
afterEach(() => spaces.splice(0).forEach(rmWorkspace));

describe('the options every run takes from the workspace', () => {
  it('come from the settings file, the resolved root and memory, and where the process runs', () => {
    const w = makeWorkspace({ exports: [], transcripts: false });
    spaces.push(w);
    const inbox = path.join(w.base, 'inbox');
    const file = settingsFile(w.env, w.home);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ exportLocations: [inbox], archiveMode: 'copy' }));
    const ws = resolveWorkspace({ root: w.root }, w.env);
    const o = workspaceRunOptions(ws, { cwd: w.master, tmpdir: w.base });
    expect(o).toEqual({
      root: w.root,
      memoryDir: w.memory,
      cwd: w.master,
      home: w.home,
      tmpdir: w.base,
      env: { ...w.env },
      exportLocations: [inbox],
      archiveMode: 'copy',
    });
    // A plain copy: a worker thread receives it by structured clone, and a run cannot change the caller's.
    expect(o.env).not.toBe(ws.env);
  });

  it('fall back to the defaults without a settings file', () => {
    const w = makeWorkspace({ exports: [], transcripts: false });
    spaces.push(w);
    const o = workspaceRunOptions(resolveWorkspace({ root: w.root }, w.env), { cwd: w.home, tmpdir: w.base });
    expect(o).toMatchObject({ exportLocations: [], archiveMode: 'move', memoryDir: w.memory });
  });
});
