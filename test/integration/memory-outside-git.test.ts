import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitSandbox, initRepo, removeSandbox, type GitSandbox } from '../helpers/git-repos';
import { makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

/** A memory folder in no git repository is never committed: the run must say so, not report success. */
let sb: GitSandbox;
const spaces: Workspace[] = [];
beforeAll(() => {
  sb = gitSandbox();
});
afterAll(() => {
  spaces.forEach(rmWorkspace);
  removeSandbox(sb);
});

function workspace(): { w: Workspace; env: NodeJS.ProcessEnv } {
  const w = makeWorkspace({ exports: ['export-v1-macos.txt'], transcripts: false });
  spaces.push(w);
  return { w, env: { GIT_CONFIG_GLOBAL: sb.globalConfig, GIT_CONFIG_NOSYSTEM: '1' } };
}

describe('memory outside git (real CLI)', () => {
  it('says in the summary and in --json that the memory is in no repository, with the fix', () => {
    const { w, env } = workspace();
    const text = runCli(w, ['export-dedup', '--yes', '--root', w.root], env);
    expect(text.stdout).toContain(`The memory folder ${w.memory} is in no git repository`);
    expect(text.stdout).toContain('coditect setup');
    expect(text.stdout).not.toMatch(/^Git: nothing to commit$/m);

    const json = JSON.parse(runCli(w, ['export-dedup', '--yes', '--json', '--root', w.root], env).stdout);
    expect(json.memoryNotInGit).toContain('is in no git repository');
    expect(json.memoryNotInGit).toContain('coditect setup');
  });

  it('says nothing of the kind when the memory is in a repository', () => {
    const { w, env } = workspace();
    initRepo(w.master);
    const r = runCli(w, ['export-dedup', '--yes', '--json', '--root', w.root], env);
    const json = JSON.parse(r.stdout);
    expect(json.memoryNotInGit).toBeNull();
    expect(json.git.ok).toBe(true);
    expect(path.relative(w.master, json.memoryDir)).toBe('MEMORY-CONTEXT');
  });
});
