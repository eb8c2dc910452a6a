import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSources, discover, type DiscoveryOptions } from '../../../src-main/core/discovery/discover';
import { cleanup, copyFixtureDir, put, putFixture, tempTree } from './fixture-tree';

const PROJECT = '-Users-demo-PROJECTS-demo-master';
const SESSION = 'cd613e30-d8f1-6adf-91b7-584a2265b1f5';
const OTHER = '1e2feb89-414c-343c-1027-c4d1c386bbc4';

afterEach(cleanup);

function options(home: string, env: NodeJS.ProcessEnv = {}, includeTranscripts = true): DiscoveryOptions {
  return {
    root: path.join(home, 'PROJECTS'),
    memoryDir: path.join(home, 'PROJECTS', 'MEMORY-CONTEXT'),
    cwd: path.join(home, 'PROJECTS'),
    home,
    tmpdir: path.join(home, 'tmp'),
    env,
    includeTemp: false,
    includeTranscripts,
  };
}

/** ~/.claude/projects from the fixtures, plus a new-style and an old-style subagent file. */
function fakeClaudeHome(projectsDir: string): string {
  copyFixtureDir('claude-projects', projectsDir);
  const project = path.join(projectsDir, PROJECT);
  putFixture(
    `claude-projects/${PROJECT}/${OTHER}.jsonl`,
    path.join(project, SESSION, 'subagents', 'agent-x.jsonl'),
  );
  putFixture(`claude-projects/${PROJECT}/${OTHER}.jsonl`, path.join(project, 'agent-y.jsonl'));
  return project;
}

describe('Claude Code transcripts', () => {
  it('finds sessions and subagents with their project folder and agent id', async () => {
    const home = tempTree();
    const project = fakeClaudeHome(path.join(home, '.claude', 'projects'));
    const r = await discover(defaultSources(options(home)));
    expect(r.problems).toEqual([]);
    expect(
      r.files.map((f) => ({
        rel: path.relative(project, f.path),
        kind: f.kind,
        source: f.source,
        projectDir: f.projectDir,
        agentId: f.agentId,
      })),
    ).toEqual([
      {
        rel: `${OTHER}.jsonl`,
        kind: 'transcript',
        source: 'transcripts',
        projectDir: PROJECT,
        agentId: undefined,
      },
      { rel: 'agent-y.jsonl', kind: 'transcript', source: 'transcripts', projectDir: PROJECT, agentId: 'y' },
      {
        rel: `${SESSION}.jsonl`,
        kind: 'transcript',
        source: 'transcripts',
        projectDir: PROJECT,
        agentId: undefined,
      },
      {
        rel: `${SESSION}/subagents/agent-x.jsonl`,
        kind: 'transcript',
        source: 'transcripts',
        projectDir: PROJECT,
        agentId: 'x',
      },
    ]);
  });

  it('looks in ~/.config/claude/projects and $CLAUDE_CONFIG_DIR/projects too', async () => {
    const home = tempTree();
    const custom = tempTree();
    copyFixtureDir('claude-projects', path.join(home, '.config', 'claude', 'projects'));
    putFixture(
      `claude-projects/${PROJECT}/${SESSION}.jsonl`,
      path.join(custom, 'projects', '-tmp-work', 'abc.jsonl'),
    );
    const r = await discover(defaultSources(options(home, { CLAUDE_CONFIG_DIR: custom })));
    const xdg = path.join(home, '.config', 'claude', 'projects', PROJECT);
    expect(r.files.map((f) => [f.source, f.projectDir, f.path])).toEqual(
      [
        ['transcripts', PROJECT, path.join(xdg, `${OTHER}.jsonl`)],
        ['transcripts', PROJECT, path.join(xdg, `${SESSION}.jsonl`)],
        ['transcripts', '-tmp-work', path.join(custom, 'projects', '-tmp-work', 'abc.jsonl')],
      ].sort((x, y) => (x[2] < y[2] ? -1 : 1)),
    );
  });

  it('reports a .jsonl that is not a transcript as a problem and does not import it', async () => {
    const home = tempTree();
    const projects = path.join(home, '.claude', 'projects');
    const bogus = put(path.join(projects, PROJECT, 'notes.jsonl'), '{"hello": "world"}\n{"n": 1}\n');
    const r = await discover(defaultSources(options(home)));
    expect(r.files).toEqual([]);
    expect(r.problems).toEqual([{ path: bogus, reason: 'not a Claude Code transcript', scope: 'file' }]);
  });

  it('puts a live session in waiting, and leaves a half-written unknown .jsonl for later', async () => {
    const home = tempTree();
    const project = path.join(home, '.claude', 'projects', PROJECT);
    const live = putFixture(
      `claude-projects/${PROJECT}/${SESSION}.jsonl`,
      path.join(project, 'live.jsonl'),
      0,
    );
    put(path.join(project, 'starting.jsonl'), 'not json yet', 0);
    const now = fs.statSync(live).mtimeMs + 1000;
    const r = await discover(defaultSources(options(home)), { now });
    expect(r.files).toEqual([]);
    expect(r.waiting.map((f) => [path.basename(f.path), f.kind, f.projectDir])).toEqual([
      ['live.jsonl', 'transcript', PROJECT],
    ]);
    expect(r.problems).toEqual([]);
  });

  it('ignores exports inside transcript folders and transcripts outside them', async () => {
    const home = tempTree();
    putFixture('export-v1-macos.txt', path.join(home, '.claude', 'projects', PROJECT, 'chat.txt'));
    putFixture(`claude-projects/${PROJECT}/${SESSION}.jsonl`, path.join(home, 'PROJECTS', 'backup.jsonl'));
    putFixture(`claude-projects/${PROJECT}/${SESSION}.jsonl`, path.join(home, 'PROJECTS', 'backup.txt'));
    const r = await discover(defaultSources(options(home)));
    expect(r.files).toEqual([]);
    expect(r.problems).toEqual([]);
  });

  it('skips transcripts when includeTranscripts is false', async () => {
    const home = tempTree();
    fakeClaudeHome(path.join(home, '.claude', 'projects'));
    expect((await discover(defaultSources(options(home, {}, false)))).files).toEqual([]);
  });

  it('counts a transcript dir reached twice (CLAUDE_CONFIG_DIR = ~/.claude) once', async () => {
    const home = tempTree();
    fakeClaudeHome(path.join(home, '.claude', 'projects'));
    fs.symlinkSync(path.join(home, '.claude'), path.join(home, 'claude-link'));
    const r = await discover(
      defaultSources(options(home, { CLAUDE_CONFIG_DIR: path.join(home, 'claude-link') })),
    );
    expect(r.files).toHaveLength(4);
    expect(r.files.every((f) => f.path.startsWith(path.join(home, '.claude', 'projects')))).toBe(true);
  });
});
