import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  defaultSources,
  discover,
  TEMP_MAX_AGE_MS,
  type DiscoveryOptions,
} from '../../../src-main/core/discovery/discover';
import { cleanup, putFixture, tempTree } from './fixture-tree';

afterEach(cleanup);

function options(home: string, over: Partial<DiscoveryOptions> = {}): DiscoveryOptions {
  const root = path.join(home, 'PROJECTS');
  return {
    root,
    memoryDir: path.join(root, 'master', 'MEMORY-CONTEXT'),
    cwd: root,
    home,
    tmpdir: '/tmp',
    env: {},
    includeTemp: false,
    includeTranscripts: true,
    ...over,
  };
}

describe('defaultSources', () => {
  it('lists every place in order of preference', () => {
    const s = defaultSources(
      options('/home/u', {
        includeTemp: true,
        cwd: '/home/u/PROJECTS/app',
        env: { CLAUDE_CONFIG_DIR: '~/cc' },
      }),
    );
    const m = '/home/u/PROJECTS/master/MEMORY-CONTEXT';
    const excludeDirs = [
      `${m}/checkpoints`,
      `${m}/dedup_state`,
      `${m}/.local`,
      `${m}/exports-archive`,
      '/home/u/PROJECTS/master/CHECKPOINTS',
    ];
    expect(s).toEqual([
      { name: 'projects-root', dir: '/home/u/PROJECTS', recursive: true, excludeDirs },
      { name: 'memory', dir: m, recursive: true, excludeDirs },
      { name: 'cwd', dir: '/home/u/PROJECTS/app', recursive: false, excludeDirs },
      { name: 'downloads', dir: '/home/u/Downloads', recursive: false },
      { name: 'desktop', dir: '/home/u/Desktop', recursive: false },
      { name: 'temp', dir: '/tmp', recursive: false, maxAgeMs: TEMP_MAX_AGE_MS },
      { name: 'transcripts', dir: '/home/u/.claude/projects', recursive: true },
      { name: 'transcripts', dir: '/home/u/.config/claude/projects', recursive: true },
      { name: 'transcripts', dir: '/home/u/cc/projects', recursive: true },
    ]);
  });

  it('does not list a transcript dir twice, nor any without includeTranscripts', () => {
    const twice = defaultSources(options('/home/u', { env: { CLAUDE_CONFIG_DIR: '/home/u/.claude/' } }));
    expect(twice.filter((s) => s.name === 'transcripts').map((s) => s.dir)).toEqual([
      '/home/u/.claude/projects',
      '/home/u/.config/claude/projects',
    ]);
    expect(
      defaultSources(options('/home/u', { includeTranscripts: false })).map((s) => s.name),
    ).not.toContain('transcripts');
  });
});

describe('discover over the default sources', () => {
  it('finds exports in every place, each once, under the earliest source', async () => {
    const home = tempTree();
    const root = path.join(home, 'PROJECTS');
    const inRoot = putFixture('export-v1-macos.txt', path.join(root, 'app', 'chat.txt'));
    const inMemory = putFixture(
      'export-v2-linux-overlap.txt',
      path.join(root, 'master', 'MEMORY-CONTEXT', 'late.txt'),
    );
    putFixture(
      'export-v1-macos.txt',
      path.join(root, 'master', 'MEMORY-CONTEXT', 'exports-archive', 'done.txt'),
    );
    const downloads = putFixture('export-v1-macos.txt', path.join(home, 'Downloads', 'conversation.txt'));
    putFixture('export-v1-macos.txt', path.join(home, 'Downloads', 'unzipped', 'deep.txt'));
    const desktop = putFixture('export-v1-macos.txt', path.join(home, 'Desktop', 'x.md'));
    // cwd inside the root: its top level is reached twice and must count once.
    const r = await discover(defaultSources(options(home, { cwd: path.join(root, 'app') })));
    expect(r.files.map((f) => [f.source, f.path])).toEqual(
      [
        ['downloads', downloads],
        ['desktop', desktop],
        ['projects-root', inRoot],
        ['projects-root', inMemory],
      ].sort((a, b) => (a[1] < b[1] ? -1 : 1)),
    );
    expect(r.problems).toEqual([]);
  });

  it("never takes the app's own artifacts for exports (checkpoints quote conversations)", async () => {
    const home = tempTree();
    const master = path.join(home, 'PROJECTS', 'master');
    const memory = path.join(master, 'MEMORY-CONTEXT');
    for (const d of ['checkpoints', 'dedup_state', '.local/raw-transcripts', 'exports-archive']) {
      putFixture('export-v1-macos.txt', path.join(memory, d, 'looks-like-an-export.md'));
    }
    putFixture('export-v1-macos.txt', path.join(master, 'CHECKPOINTS', 'old.md'));
    const dropped = putFixture('export-v1-macos.txt', path.join(memory, 'dropped-here.txt'));
    const r = await discover(defaultSources(options(home, { cwd: path.join(memory, 'checkpoints') })));
    expect(r.files.map((f) => f.path)).toEqual([dropped]);
  });

  it('finds an export once when cwd is the root', async () => {
    const home = tempTree();
    const file = putFixture('export-v1-macos.txt', path.join(home, 'PROJECTS', 'chat.txt'));
    const r = await discover(defaultSources(options(home)));
    expect(r.files.map((f) => [f.source, f.path])).toEqual([['projects-root', file]]);
  });

  it('uses the memory source when the memory dir is outside the root', async () => {
    const home = tempTree();
    const memoryDir = path.join(home, 'elsewhere', 'MEMORY-CONTEXT');
    const file = putFixture('export-v1-macos.txt', path.join(memoryDir, 'chat.txt'));
    putFixture('export-v1-macos.txt', path.join(memoryDir, 'exports-archive', 'old.txt'));
    const r = await discover(defaultSources(options(home, { memoryDir })));
    expect(r.files.map((f) => [f.source, f.path])).toEqual([['memory', file]]);
  });

  it('treats missing places as empty', async () => {
    const home = tempTree();
    const r = await discover(
      defaultSources(options(home, { includeTemp: true, tmpdir: path.join(home, 'no-tmp') })),
    );
    expect(r).toEqual({
      files: [],
      waiting: [],
      problems: [],
      skippedLinks: [],
      dirsScanned: 0,
      entriesSeen: 0,
    });
  });
});
