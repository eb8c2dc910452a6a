import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../helpers/corpus';
import { copyTree, makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

/**
 * Faults end cleanly: the real `coditect` process, on a disk that fills up, a folder it may not
 * write, a root that is not there. Every run must exit (a hang is the defect these guard
 * against: the process is given a generous limit and a hang shows as no exit code).
 */
const spaces: Workspace[] = [];
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts.splice(0).reverse()) spawnSync('umount', ['-l', m]);
  spaces.forEach(rmWorkspace);
});

function mountTmpfs(dir: string, opts: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', opts, 'tmpfs', dir], { encoding: 'utf8' });
  if (r.status === 0) mounts.push(dir);
  return r.status === 0;
}

/** Mounting needs root (or CAP_SYS_ADMIN); where it is refused the tmpfs cases cannot run here. */
const canMount = (() => {
  const probe = fs.mkdtempSync('/tmp/coditect-mount-probe-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]);
  if (r.status === 0) spawnSync('umount', [probe]);
  fs.rmSync(probe, { recursive: true, force: true });
  return r.status === 0;
})();
const NO_MOUNT = 'mounting a tmpfs is not allowed here (needs root or CAP_SYS_ADMIN)';

/** About 5 MB of exports with distinct messages: the index they make does not fit in 1 MB. */
function workspaceWithExports(): { ws: Workspace; exports: string[] } {
  const ws = makeWorkspace({ exports: [], transcripts: false });
  spaces.push(ws);
  const gen = path.join(ws.base, 'gen');
  generateCorpus(gen, {
    exportFiles: 30,
    transcriptFiles: 0,
    exchangesPerFile: 40,
    repeatShare: 0,
    answerBytes: 4000,
    seed: 11,
  });
  copyTree(path.join(gen, 'exports'), ws.downloads);
  fs.rmSync(gen, { recursive: true });
  return { ws, exports: fs.readdirSync(ws.downloads).sort() };
}

const RUN = ['export-dedup', '--yes', '--no-git', '--json', '--wait', '0'];

function runJson(ws: Workspace) {
  const r = runCli(ws, [...RUN, '--root', ws.root]);
  return { ...r, doc: r.stdout.trim() ? JSON.parse(r.stdout) : null };
}

describe.skipIf(!canMount)(`a disk that fills up during a run (skipped when ${NO_MOUNT})`, () => {
  it('fails with one JSON document, exit 1, the lock released; the next run with space imports all', () => {
    const { ws, exports } = workspaceWithExports();
    const local = path.join(ws.memory, '.local');
    // The index lives in .local: a small disk there fills during the import, while the memory
    // folder's own disk passes preflight's free-space check.
    expect(mountTmpfs(local, 'size=1m')).toBe(true);

    const full = runJson(ws);
    expect(full.code, full.stderr).toBe(1);
    expect(full.doc.outcome).toBe('failed');
    expect(full.doc.error).toMatch(/disk is full/);
    expect(fs.existsSync(path.join(local, 'pipeline.lock'))).toBe(false);
    expect(fs.existsSync(path.join(local, 'pipeline.owner.json'))).toBe(false);
    expect(fs.readdirSync(ws.downloads).sort()).toEqual(exports);

    expect(spawnSync('mount', ['-o', 'remount,size=64m', local]).status).toBe(0);
    const again = runJson(ws);
    expect(again.code, again.stderr).toBe(0);
    expect(again.doc.outcome).toBe('done');
    expect(again.doc.files.filter((f: { status: string }) => f.status === 'imported')).toHaveLength(
      exports.length,
    );
    expect(fs.readdirSync(ws.downloads)).toEqual([]);
  });
});
