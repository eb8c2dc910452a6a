import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveSettings, SettingsSchema } from '../../../src-main/core/settings/settings';
import { readManifest } from '../../../src-main/core/setup/manifest';
import { removeSetup } from '../../../src-main/core/setup/remove-setup';
import { planSetup, runSetup } from '../../../src-main/core/setup/run-setup';
import { setupContext, type SetupContext } from '../../../src-main/core/setup/setup-context';

let base: string;
let env: NodeJS.ProcessEnv;
let root: string;

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-setup-'));
  env = { HOME: path.join(base, 'home'), CODITECT_CONFIG_DIR: path.join(base, 'home', '.coditect') };
  root = path.join(base, 'home', 'PROJECTS');
  fs.mkdirSync(env.HOME!, { recursive: true });
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

const ctx = (): SetupContext => setupContext(root, env);

/** Every file and folder under the throw-away HOME, with file contents: the whole visible state. */
function snapshot(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.name === '.git' && e.isDirectory()) out[p] = 'git-dir';
      else if (e.isDirectory()) {
        out[p] = 'dir';
        walk(p);
      } else out[p] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(base);
  return out;
}

describe('set-up into a fresh projects root', () => {
  it('creates a memory repository of its own, layout, .gitignore, settings and the slash command', () => {
    const r = runSetup(ctx());
    expect(r.changed).toBe(true);
    const repo = path.join(root, 'coditect-memory');
    const mem = path.join(repo, 'MEMORY-CONTEXT');
    for (const d of ['checkpoints', 'dedup_state', 'exports-archive', '.local'])
      expect(fs.existsSync(path.join(mem, d))).toBe(true);
    expect(fs.existsSync(path.join(repo, '.git'))).toBe(true);
    // Never the projects root nor home: every repository of the user would be inside it.
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    expect(fs.existsSync(path.join(env.HOME!, '.git'))).toBe(false);
    expect(fs.readFileSync(path.join(mem, '.gitignore'), 'utf8')).toMatch(/^\.local\/$/m);
    const settings = JSON.parse(
      fs.readFileSync(path.join(env.CODITECT_CONFIG_DIR!, 'settings.json'), 'utf8'),
    );
    expect(settings.projectsRoot).toBe(root);
    expect(settings.memoryDir).toBe(mem);
    const cmd = fs.readFileSync(path.join(env.HOME!, '.claude', 'commands', 'export-dedup.md'), 'utf8');
    expect(cmd).toContain('coditect export-dedup --yes');
    expect(r.steps.map((s) => s.id)).toEqual([
      'projects-root',
      'memory-repo',
      'memory-layout',
      'gitignore',
      'settings',
      'slash-command',
    ]);
  });

  it('changes nothing the second time', async () => {
    runSetup(ctx());
    const before = snapshot();
    const again = runSetup(ctx());
    expect(again.changed).toBe(false);
    expect(again.steps.every((s) => s.changes.length === 0)).toBe(true);
    expect(snapshot()).toEqual(before);
    expect((await planSetup(ctx())).steps.flatMap((s) => s.changes)).toEqual([]);
  });

  it('plans without changing anything and lists the repositories found', async () => {
    fs.mkdirSync(path.join(root, 'app'), { recursive: true });
    execFileSync('git', ['init', '-q', path.join(root, 'app')]);
    const before = snapshot();
    const plan = await planSetup(ctx());
    expect(snapshot()).toEqual(before);
    expect(plan.repositories.map((r) => r.relPath)).toEqual(['app']);
    expect(plan.steps.find((s) => s.id === 'memory-repo')?.changes).toEqual([
      `create folder ${path.join(root, 'coditect-memory')}`,
      `create a git repository in ${path.join(root, 'coditect-memory')} (git init)`,
    ]);
  });

  it('remove-set-up restores exactly the state before set-up', () => {
    fs.mkdirSync(root, { recursive: true });
    fs.writeFileSync(path.join(root, 'notes.txt'), 'mine');
    const before = snapshot();
    runSetup(ctx());
    const r = removeSetup(env.CODITECT_CONFIG_DIR!);
    expect(r.kept).toEqual([]);
    expect(snapshot()).toEqual(before);
  });

  it('keeps a file the user changed, a folder with user files, and a repository with commits', () => {
    runSetup(ctx());
    const repo = path.join(root, 'coditect-memory');
    const mem = path.join(repo, 'MEMORY-CONTEXT');
    fs.appendFileSync(path.join(mem, 'README.md'), '\nmy notes\n');
    fs.writeFileSync(path.join(mem, 'checkpoints', '2026-01-01-mine.md'), 'user checkpoint');
    execFileSync('git', [
      '-C',
      repo,
      '-c',
      'user.email=t@t',
      '-c',
      'user.name=t',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'x',
    ]);
    const r = removeSetup(env.CODITECT_CONFIG_DIR!);
    const kept = r.kept.map((k) => `${path.relative(repo, k.path) || '.'}: ${k.reason}`);
    expect(kept).toContain('MEMORY-CONTEXT/README.md: changed since set-up wrote it');
    expect(kept).toContain('MEMORY-CONTEXT/checkpoints: not empty: holds files set-up did not create');
    expect(kept).toContain('.: the repository has commits or staged files now');
    expect(fs.existsSync(path.join(repo, '.git'))).toBe(true);
    expect(fs.readFileSync(path.join(mem, 'checkpoints', '2026-01-01-mine.md'), 'utf8')).toBe(
      'user checkpoint',
    );
    expect(fs.existsSync(path.join(env.HOME!, '.claude'))).toBe(false);
  });

  it('keeps the .gitignore line while the machine-local folder it guards holds files', () => {
    runSetup(ctx());
    const mem = path.join(root, 'coditect-memory', 'MEMORY-CONTEXT');
    fs.writeFileSync(path.join(mem, '.local', 'coditect.sqlite'), 'index');
    const r = removeSetup(env.CODITECT_CONFIG_DIR!);
    const kept = r.kept.map((k) => `${path.relative(path.dirname(mem), k.path)}: ${k.reason}`);
    expect(kept).toContain('MEMORY-CONTEXT/.gitignore: .local/ still keeps machine-local files out of git');
    expect(kept).toContain('MEMORY-CONTEXT/.local: not empty: holds files set-up did not create');
    expect(fs.readFileSync(path.join(mem, '.gitignore'), 'utf8')).toMatch(/^\.local\/$/m);
  });

  it("keeps the user's own slash command and .gitignore lines and settings", () => {
    const cmdFile = path.join(env.HOME!, '.claude', 'commands', 'export-dedup.md');
    fs.mkdirSync(path.dirname(cmdFile), { recursive: true });
    fs.writeFileSync(cmdFile, 'my own command');
    const mem = path.join(root, 'MEMORY-CONTEXT');
    fs.mkdirSync(mem, { recursive: true });
    fs.writeFileSync(path.join(mem, '.gitignore'), 'node_modules/\n');
    saveSettings(
      path.join(env.CODITECT_CONFIG_DIR!, 'settings.json'),
      SettingsSchema.parse({ theme: 'dark', projectsRoot: '/old' }),
    );
    const r = runSetup(ctx());
    expect(r.steps.find((s) => s.id === 'slash-command')?.notes[0]).toMatch(/kept your own/);
    removeSetup(env.CODITECT_CONFIG_DIR!);
    expect(fs.readFileSync(cmdFile, 'utf8')).toBe('my own command');
    expect(fs.readFileSync(path.join(mem, '.gitignore'), 'utf8')).toBe('node_modules/\n');
    const settings = JSON.parse(
      fs.readFileSync(path.join(env.CODITECT_CONFIG_DIR!, 'settings.json'), 'utf8'),
    );
    expect(settings).toMatchObject({ theme: 'dark', projectsRoot: '/old' });
  });

  it('keeps a memory folder the settings name, whatever it is called, and its repository', () => {
    const repo = path.join(root, 'notes');
    const mem = path.join(repo, 'ai', 'coditect-memory-dir');
    fs.mkdirSync(mem, { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    const file = path.join(env.CODITECT_CONFIG_DIR!, 'settings.json');
    saveSettings(file, SettingsSchema.parse({ projectsRoot: root, memoryDir: mem }));
    const c = ctx();
    expect(c.layout.root).toBe(mem);
    expect(c.memoryRepo).toBe(repo);
    expect(c.previousMemory).toBeNull();
    runSetup(c);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).memoryDir).toBe(mem);
    expect(fs.existsSync(path.join(mem, 'dedup_state'))).toBe(true);
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
  });

  it('uses an existing MEMORY-CONTEXT in a master repository and does not git init the root', () => {
    const master = path.join(root, 'master');
    fs.mkdirSync(path.join(master, 'MEMORY-CONTEXT', 'checkpoints'), { recursive: true });
    execFileSync('git', ['init', '-q', master]);
    runSetup(ctx());
    expect(fs.existsSync(path.join(root, '.git'))).toBe(false);
    expect(fs.existsSync(path.join(master, 'MEMORY-CONTEXT', 'dedup_state'))).toBe(true);
    expect(
      readManifest(env.CODITECT_CONFIG_DIR!).entries.some(
        (e) => e.path === path.join(master, 'MEMORY-CONTEXT', 'checkpoints'),
      ),
    ).toBe(false);
  });
});
