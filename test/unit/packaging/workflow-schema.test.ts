/**
 * Every GitHub workflow validates against the GitHub Actions schema, offline: the release
 * workflow only runs on real runners, so a typo there would otherwise surface at release time.
 * `action-validator` (npm @action-validator/cli, the schema compiled to WebAssembly) runs as a
 * real process, as a developer would run it.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const validator = path.join(root, 'node_modules', '@action-validator', 'cli', 'cli.mjs');
const workflowsDir = path.join(root, '.github', 'workflows');
const workflows = fs.readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));

function validate(file: string): { code: number | null; output: string } {
  const r = spawnSync(process.execPath, [validator, file], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('GitHub workflows', () => {
  it('there is at least the release workflow', () => {
    expect(workflows).toContain('release.yml');
  });

  it.each(workflows)('%s validates against the GitHub Actions schema', (name) => {
    const r = validate(path.join(workflowsDir, name));
    expect(r.output).toBe('');
    expect(r.code).toBe(0);
  });

  it('a broken workflow is refused (the check can fail)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'coditect-workflow-'));
    try {
      const broken = path.join(dir, 'broken.yml');
      const release = fs.readFileSync(path.join(workflowsDir, 'release.yml'), 'utf8');
      fs.writeFileSync(broken, release.replace(/runs-on:/g, 'runs_on:'));
      const r = validate(broken);
      expect(r.code).toBe(1);
      expect(r.output).toContain('runs_on');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
