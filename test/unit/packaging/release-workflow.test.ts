import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');
const yaml = createRequire(require.resolve('app-builder-lib/package.json'))('js-yaml') as {
  load(t: string): unknown;
};

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  if?: string;
  env?: Record<string, string>;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: { package: { strategy: { matrix: { include: { os: string }[] } }; steps: Step[] } };
}

const workflow = yaml.load(
  fs.readFileSync(path.join(root, '.github/workflows/release.yml'), 'utf8'),
) as Workflow;
const steps = workflow.jobs.package.steps;
const runs = steps.map((s) => s.run ?? '').join('\n');

describe('release workflow', () => {
  it('runs on macOS, Windows and Ubuntu for version tags', () => {
    expect(workflow.on).toHaveProperty('push');
    expect(workflow.jobs.package.strategy.matrix.include.map((m) => m.os).sort()).toEqual([
      'macos-latest',
      'ubuntu-latest',
      'windows-latest',
    ]);
  });

  it('installs, tests, runs the Electron e2e suite under xvfb on Linux, then packages', () => {
    const order = [
      'npm ci',
      'npm test',
      'electron/install.js',
      'install-app-deps',
      'xvfb-run',
      'npm run dist',
    ];
    const positions = order.map((needle) => runs.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const xvfb = steps.find((s) => s.run?.includes('xvfb-run'));
    expect(xvfb?.if).toContain('Linux');
    expect(xvfb?.run).toContain('test/electron/vitest.config.mts');
  });

  it('uploads with the signing and notarization secrets from the environment', () => {
    const dist = steps.find((s) => s.run?.includes('npm run dist'));
    expect(dist?.run).toContain('--publish always');
    const names = Object.keys(dist?.env ?? {});
    for (const name of [
      'GH_TOKEN',
      'CSC_LINK',
      'CSC_KEY_PASSWORD',
      'APPLE_ID',
      'APPLE_APP_SPECIFIC_PASSWORD',
      'APPLE_TEAM_ID',
      'WIN_CSC_LINK',
    ]) {
      expect(names).toContain(name);
    }
  });
});
