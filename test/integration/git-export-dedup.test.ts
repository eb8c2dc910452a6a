import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSubmodule,
  commitFile,
  filesIn,
  git,
  gitSandbox,
  initRepo,
  porcelain,
  removeSandbox,
  type GitSandbox,
} from '../helpers/git-repos';
import { FIXTURES, makeWorkspace, rmWorkspace, runCli, type Workspace } from '../helpers/workspace';

let sb: GitSandbox;
const spaces: Workspace[] = [];
beforeAll(() => {
  sb = gitSandbox();
});
afterAll(() => {
  spaces.forEach(rmWorkspace);
  removeSandbox(sb);
});

// Made up, in the shapes the redaction knows.
const SECRETS = {
  anthropic: `sk-ant-api03-${'Q'.repeat(30)}w9`,
  aws: 'AKIAQWERTYUIOPASDFGH',
  github: `ghp_${'x7'.repeat(18)}`,
  password: 'pa55-w0rd-hunter2-xyz',
};

function secretExport(): string {
  return [
    '╭───────────────────────────────────────────────────╮',
    '│ ✻ Welcome to Claude Code!                         │',
    '╰───────────────────────────────────────────────────╯',
    '',
    `> Deploy with ANTHROPIC_API_KEY=${SECRETS.anthropic} and the key ${SECRETS.aws}`,
    '',
    `⏺ I set DB_PASSWORD=${SECRETS.password} and pushed with ${SECRETS.github}.`,
    '',
  ].join('\n');
}

describe('coditect export-dedup, step 6 (real CLI, real git)', () => {
  it('commits every memory file the run touched, leaves the export a submodule tracks, and no secret reaches any commit', () => {
    const w = makeWorkspace({ exports: [], transcripts: false });
    spaces.push(w);
    const env = { ...w.env, GIT_CONFIG_GLOBAL: sb.globalConfig, GIT_CONFIG_NOSYSTEM: '1' };
    // The memory repository, with a submodule that tracks an (innocent) export.
    initRepo(w.master);
    const subSrc = initRepo(path.join(w.base, 'src', 'notes'));
    commitFile(
      subSrc,
      'export-v1-macos.txt',
      fs.readFileSync(path.join(FIXTURES, 'export-v1-macos.txt'), 'utf8'),
    );
    const sub = addSubmodule(w.master, subSrc, 'submodules/notes');
    git(sub, ['checkout', '-q', 'main']);
    const past = new Date(Date.now() - 3600_000);
    fs.utimesSync(path.join(sub, 'export-v1-macos.txt'), past, past);
    const subHead = git(sub, ['rev-parse', 'HEAD']);
    // Exports with secrets, where users leave them: not tracked anywhere.
    for (const f of [
      path.join(w.master, 'deploy-session.txt'),
      path.join(w.downloads, 'deploy-followup.txt'),
    ]) {
      fs.writeFileSync(f, secretExport().replace('Deploy', f.includes('followup') ? 'Redeploy' : 'Deploy'));
      fs.utimesSync(f, past, past);
    }

    const r = runCli(w, ['export-dedup', '--root', w.root, '--yes', '--json'], env);
    expect(r.stderr).not.toMatch(/TypeError|ReferenceError/);
    const summary = JSON.parse(r.stdout);
    expect(summary.git).toMatchObject({ ok: true, failures: [] });
    expect(r.code).toBe(0);

    // The submodule tracks its export: imported by copy, never moved, nothing committed there (issue 11).
    expect(fs.existsSync(path.join(sub, 'export-v1-macos.txt'))).toBe(true);
    expect(git(sub, ['rev-parse', 'HEAD'])).toBe(subHead);
    expect(porcelain(sub)).toEqual([]);
    const committed = filesIn(w.master);
    expect(committed).not.toContain('submodules/notes');
    expect(committed).toContain(`MEMORY-CONTEXT/${summary.checkpoint.document}`);
    expect(committed).toContain('MEMORY-CONTEXT/FORMAT.json');
    expect(committed).toContain(
      `MEMORY-CONTEXT/dedup_state/checkpoints/${summary.checkpoint.id}/checkpoint.json`,
    );
    expect(committed).toContain(
      `MEMORY-CONTEXT/dedup_state/checkpoints/${summary.checkpoint.id}/messages-001.jsonl.gz`,
    );
    expect(committed.filter((f) => f.startsWith('MEMORY-CONTEXT/exports-archive/')).length).toBe(3);
    expect(committed.some((f) => f.includes('.local'))).toBe(false);
    expect(git(w.master, ['log', '-1', '--format=%s']).trim()).toBe(
      `checkpoint: ${summary.checkpoint.title}`,
    );
    // Nothing missed: every touched path inside a repository is committed.
    for (const p of summary.touchedPaths as string[]) {
      const repo = p.startsWith(sub) ? sub : p.startsWith(w.master) ? w.master : null;
      if (repo) expect(porcelain(repo, p)).toEqual([]);
    }
    // No secret in any commit of any repository: messages, diffs, file names.
    for (const repo of [w.master, sub]) {
      const history = git(repo, ['log', '-p', '--all', '--format=%H %an %s%n%b']);
      for (const s of Object.values(SECRETS)) expect(history).not.toContain(s);
    }
    // The originals stay on this machine only.
    const kept = path.join(w.memory, '.local', 'unredacted', 'exports-archive', 'deploy-session.txt');
    expect(fs.readFileSync(kept, 'utf8')).toContain(SECRETS.aws);
    // And the run's log has the git actions.
    const log = fs.readFileSync(path.join(w.memory, '.local', 'coditect.log'), 'utf8');
    expect(log).toMatch(/\[git\] committed [0-9a-f]{12} on main in .*demo-master: /);
    expect(log).toMatch(/\[git\] redacted \d+ secret\(s\) in .*exports-archive.deploy-session\.txt/);
  });
});
