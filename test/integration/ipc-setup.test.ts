import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HostShell } from '../../src-main/ipc/context';
import type { IpcService } from '../../src-main/ipc/service';
import { makeWorkspace, rmWorkspace, type Workspace } from '../helpers/workspace';
import { call, serviceFor, value } from '../unit/ipc/helpers';

/**
 * The wizard's set-up channels over a real temp HOME: plan, each step, removal, the first-run
 * rule and the confinement of the projects root. Real files, real git.
 */
const open: { ws: Workspace; service: IpcService }[] = [];
afterEach(async () => {
  for (const { ws, service } of open.splice(0)) {
    await service.close();
    rmWorkspace(ws);
  }
});

/** A HOME without ~/PROJECTS: a machine CODITECT was never set up on. */
function fresh(shell?: HostShell) {
  const ws = makeWorkspace({ exports: [], transcripts: false });
  fs.rmSync(ws.root, { recursive: true, force: true });
  const service = serviceFor(ws, shell ? { shell } : {});
  open.push({ ws, service });
  return { ws, service };
}

function gitRepo(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  execFileSync('git', ['init', '-q', dir]);
}

const STEPS = [
  'projects-root',
  'memory-repo',
  'memory-layout',
  'gitignore',
  'settings',
  'slash-command',
] as const;

async function runAll(service: IpcService, root: string) {
  const out = [];
  for (const step of STEPS) out.push(value(await call(service, 'setup:runStep', { root, step })));
  return out;
}

describe('setup:plan', () => {
  it('lists the repositories under the chosen root and what each step will create, changing nothing', async () => {
    const { ws, service } = fresh();
    const root = path.join(ws.home, 'code');
    gitRepo(path.join(root, 'app-one'));
    gitRepo(path.join(root, 'libs', 'app-two'));
    const plan = value(await call(service, 'setup:plan', { root }));
    expect(plan.root).toBe(fs.realpathSync(root));
    expect(plan.exists).toBe(true);
    expect(plan.memoryFound).toBe(false);
    expect(plan.memoryDir).toBe(path.join(fs.realpathSync(root), 'coditect-memory', 'MEMORY-CONTEXT'));
    expect(plan.repositories.map((r) => r.relPath).sort()).toEqual(['app-one', path.join('libs', 'app-two')]);
    expect(plan.steps.map((s) => s.id)).toEqual(STEPS);
    const byId = Object.fromEntries(plan.steps.map((s) => [s.id, s.changes]));
    expect(byId['projects-root']).toEqual([]);
    expect(byId['memory-repo']).toEqual([
      `create folder ${path.join(fs.realpathSync(root), 'coditect-memory')}`,
      expect.stringContaining('git init'),
    ]);
    expect(byId['memory-layout']!.join('\n')).toContain(path.join('MEMORY-CONTEXT', 'dedup_state'));
    expect(byId['slash-command']!.join('\n')).toContain(path.join('.claude', 'commands', 'export-dedup.md'));
    expect(fs.existsSync(path.join(root, 'MEMORY-CONTEXT'))).toBe(false);
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    expect(fs.existsSync(path.join(ws.home, '.coditect'))).toBe(false);
  });

  it('plans to create a root that does not exist yet, folder by folder', async () => {
    const { ws, service } = fresh();
    const root = path.join(ws.home, 'new', 'projects');
    const plan = value(await call(service, 'setup:plan', { root }));
    expect(plan.exists).toBe(false);
    expect(plan.repositories).toEqual([]);
    expect(plan.steps[0]!.changes).toEqual([
      `create folder ${path.join(ws.home, 'new')}`,
      `create folder ${root}`,
    ]);
  });
});

describe('the projects root is confined', () => {
  it('refuses the home itself, folders outside it, hidden config folders, relative paths and escaping links', async () => {
    const { ws, service } = fresh();
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-outside-'));
    try {
      fs.symlinkSync(outside, path.join(ws.home, 'link-out'));
      for (const root of [
        ws.home,
        outside,
        '/',
        path.join(ws.home, '.ssh', 'x'),
        path.join(ws.home, '.coditect'),
        path.join(ws.home, 'code', '..', '..', 'elsewhere'),
        path.join(ws.home, 'link-out', 'code'),
      ]) {
        const r = await call(service, 'setup:plan', { root });
        expect(r, root).toMatchObject({ ok: false, error: { code: 'forbidden-path', field: 'root' } });
        const step = await call(service, 'setup:runStep', { root, step: 'projects-root' });
        expect(step, root).toMatchObject({ ok: false, error: { code: 'forbidden-path', field: 'root' } });
      }
      expect(await call(service, 'setup:plan', { root: 'code' })).toMatchObject({
        ok: false,
        error: { code: 'forbidden-path', field: 'root', message: 'root: must be an absolute path' },
      });
      expect(fs.readdirSync(outside)).toEqual([]);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('accepts a folder outside the home once it was chosen in the native dialog', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-chosen-'));
    const asked: { title?: string; defaultPath?: string }[] = [];
    const shell: HostShell = {
      reveal: async () => false,
      openExternal: async () => false,
      chooseFolder: async (opts) => {
        asked.push(opts);
        return outside;
      },
    };
    const { service } = fresh(shell);
    try {
      const root = path.join(outside, 'projects');
      expect(await call(service, 'setup:plan', { root })).toMatchObject({
        ok: false,
        error: { code: 'forbidden-path' },
      });
      expect(value(await call(service, 'onboarding:status'))).toMatchObject({ canChooseFolder: true });
      expect(value(await call(service, 'dialog:chooseFolder', { title: 'Projects' }))).toEqual({
        path: outside,
      });
      expect(asked[0]?.title).toBe('Projects');
      expect(value(await call(service, 'setup:plan', { root })).root).toBe(
        path.join(fs.realpathSync(outside), 'projects'),
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('the browser preview has no folder dialog and says to type the path', async () => {
    const { service } = fresh();
    expect(value(await call(service, 'onboarding:status')).canChooseFolder).toBe(false);
    expect(await call(service, 'dialog:chooseFolder', {})).toMatchObject({
      ok: false,
      error: { code: 'unavailable', message: expect.stringContaining('type the folder path') },
    });
  });
});

describe('setup:runStep and setup:remove', () => {
  it('runs each step, reports each change, then nothing the second time; the workspace follows', async () => {
    const { ws, service } = fresh();
    const root = path.join(ws.home, 'code');
    gitRepo(path.join(root, 'app-one'));
    const first = await runAll(service, root);
    expect(first.map((s) => s.id)).toEqual(STEPS);
    const repo = path.join(fs.realpathSync(root), 'coditect-memory');
    expect(first.find((s) => s.id === 'memory-repo')!.changes).toEqual([
      `Create folder ${repo}`,
      `Create a git repository in ${repo} (git init)`,
    ]);
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    const mem = path.join(root, 'coditect-memory', 'MEMORY-CONTEXT');
    for (const d of ['checkpoints', 'dedup_state', 'exports-archive', '.local'])
      expect(fs.statSync(path.join(mem, d)).isDirectory(), d).toBe(true);
    expect(fs.readFileSync(path.join(mem, '.gitignore'), 'utf8')).toContain('.local/');
    const settings = JSON.parse(fs.readFileSync(path.join(ws.home, '.coditect', 'settings.json'), 'utf8'));
    expect(settings.projectsRoot).toBe(fs.realpathSync(root));
    expect(fs.existsSync(path.join(ws.home, '.claude', 'commands', 'export-dedup.md'))).toBe(true);
    const info = value(await call(service, 'app:info'));
    expect(info).toMatchObject({ projectsRoot: fs.realpathSync(root), memoryDir: mem, memoryFound: true });
    const second = await runAll(service, root);
    expect(second.flatMap((s) => s.changes)).toEqual([]);
  });

  it('removes what set-up made, keeps user data and names what it kept', async () => {
    const { ws, service } = fresh();
    const root = path.join(ws.home, 'code');
    gitRepo(path.join(root, 'app-one'));
    fs.writeFileSync(path.join(root, 'app-one', 'notes.txt'), 'mine');
    await runAll(service, root);
    const mem = path.join(root, 'coditect-memory', 'MEMORY-CONTEXT');
    // User data appears after set-up: a checkpoint, and an edit to the README set-up wrote.
    fs.writeFileSync(path.join(mem, 'checkpoints', '2026-01-01T00-00-00Z-Mine.md'), '# mine\n');
    fs.appendFileSync(path.join(mem, 'README.md'), '\nMy own note.\n');
    const r = value(await call(service, 'setup:remove'));
    expect(r.removed).toEqual(
      expect.arrayContaining([
        path.join(ws.home, '.claude', 'commands', 'export-dedup.md'),
        path.join(mem, 'dedup_state'),
        path.join(mem, 'exports-archive'),
        path.join(ws.home, '.coditect', 'settings.json'),
      ]),
    );
    const kept = Object.fromEntries(r.kept.map((k) => [k.path, k.reason]));
    expect(kept[path.join(mem, 'README.md')]).toBe('changed since set-up wrote it');
    expect(kept[path.join(mem, 'checkpoints')]).toMatch(/not empty/);
    expect(fs.readFileSync(path.join(mem, 'checkpoints', '2026-01-01T00-00-00Z-Mine.md'), 'utf8')).toBe(
      '# mine\n',
    );
    expect(fs.readFileSync(path.join(root, 'app-one', 'notes.txt'), 'utf8')).toBe('mine');
    expect(fs.existsSync(path.join(root, 'app-one', '.git'))).toBe(true);
    expect(fs.existsSync(path.join(ws.home, '.claude', 'commands', 'export-dedup.md'))).toBe(false);
    expect(fs.existsSync(path.join(mem, 'dedup_state'))).toBe(false);
    // Nothing left to remove the second time.
    expect(value(await call(service, 'setup:remove'))).toEqual({ removed: [], kept: [] });
  });
});

describe('setup: the memory repository chosen in the wizard', () => {
  it('keeps the memory in an existing repository under the root, or a new one by name; never the root', async () => {
    const { ws, service } = fresh();
    fs.mkdirSync(path.join(ws.home, 'code'));
    const root = fs.realpathSync(path.join(ws.home, 'code'));
    const master = path.join(root, 'master');
    gitRepo(master);
    const existing = { mode: 'existing' as const, repo: master };
    const plan = value(await call(service, 'setup:plan', { root, memory: existing }));
    expect(plan).toMatchObject({ memoryRepo: master, memoryProblem: null, warnings: [] });
    expect(plan.steps.find((s) => s.id === 'memory-repo')!.changes).toEqual([]);
    for (const step of STEPS) value(await call(service, 'setup:runStep', { root, step, memory: existing }));
    expect(fs.existsSync(path.join(master, 'MEMORY-CONTEXT', 'dedup_state'))).toBe(true);
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    expect(value(await call(service, 'app:info'))).toMatchObject({
      memoryDir: path.join(master, 'MEMORY-CONTEXT'),
    });

    const named = value(
      await call(service, 'setup:plan', { root, memory: { mode: 'new', name: 'our memory' } }),
    );
    expect(named.memoryProblem).toContain('"our memory" cannot be the memory repository\'s folder name');
    expect(
      await call(service, 'setup:plan', { root, memory: { mode: 'existing', repo: root } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path', field: 'memory.repo' },
    });
    expect(
      await call(service, 'setup:plan', {
        root,
        memory: { mode: 'existing', repo: path.join(ws.base, 'x') },
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden-path', field: 'memory.repo' } });
  });
});

describe('onboarding:status (the first-run rule)', () => {
  it('first run until set-up or a skip; after "Remove CODITECT set-up" the wizard comes back', async () => {
    const { ws, service } = fresh();
    const status = async () => value(await call(service, 'onboarding:status'));
    expect(await status()).toMatchObject({
      firstRun: true,
      setUp: false,
      suggestedRoot: path.join(ws.home, 'PROJECTS'),
      home: ws.home,
    });
    const root = path.join(ws.home, 'code');
    value(await call(service, 'setup:runStep', { root, step: 'projects-root' }));
    expect(await status()).toMatchObject({ firstRun: false, setUp: true });
    value(await call(service, 'setup:remove'));
    expect(await status()).toMatchObject({ firstRun: true, setUp: false });
    const { dismissedAt } = value(await call(service, 'onboarding:dismiss'));
    expect(await status()).toMatchObject({
      firstRun: false,
      dismissedAt,
      reason: expect.stringContaining('skipped'),
    });
  });

  it('is not a first run for a user whose projects root holds CODITECT memory already (CLI, old scripts)', async () => {
    const ws = makeWorkspace({ exports: [], transcripts: false });
    const service = serviceFor(ws);
    open.push({ ws, service });
    expect(value(await call(service, 'onboarding:status'))).toMatchObject({
      firstRun: false,
      setUp: false,
      reason: `CODITECT memory is already kept in ${ws.memory}.`,
    });
  });

  it('is not a first run when the settings name a projects root already', async () => {
    const { ws, service } = fresh();
    fs.mkdirSync(path.join(ws.home, 'code'));
    value(await call(service, 'settings:update', { projectsRoot: path.join(ws.home, 'code') }));
    expect(value(await call(service, 'onboarding:status'))).toMatchObject({
      firstRun: false,
      suggestedRoot: path.join(ws.home, 'code'),
    });
  });
});
