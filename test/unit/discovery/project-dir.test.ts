import { describe, expect, it } from 'vitest';
import { decodeProjectDir } from '../../../src-main/core/discovery/discover';

describe('decodeProjectDir (best effort: the encoding is lossy)', () => {
  it('decodes the usual layout', () => {
    expect(decodeProjectDir('-Users-demo-PROJECTS-demo-master')).toBe('/Users/demo/PROJECTS/demo-master');
    expect(decodeProjectDir('-home-ana-src-my-app')).toBe('/home/ana/src/my-app');
    expect(decodeProjectDir('-Users-demo-PROJECTS-rollout-master-submodules-core-coditect-core')).toBe(
      '/Users/demo/PROJECTS/rollout-master/submodules/core-coditect-core',
    );
  });

  it('reads a double dash as a dot folder', () => {
    expect(decodeProjectDir('-Users-demo--claude-skills')).toBe('/Users/demo/.claude/skills');
  });

  it('decodes Windows drive paths', () => {
    expect(decodeProjectDir('C--Users-demo-PROJECTS-app')).toBe('C:\\Users\\demo\\PROJECTS\\app');
  });

  it('leaves names that are not encoded paths alone', () => {
    expect(decodeProjectDir('scratch')).toBe('scratch');
  });

  it('prefers folders that exist when given a probe', () => {
    const dirs = new Set(['/Users', '/Users/demo', '/Users/demo/my-PROJECTS', '/Users/demo/my-PROJECTS/x']);
    expect(decodeProjectDir('-Users-demo-my-PROJECTS-x-y', (p) => dirs.has(p))).toBe(
      '/Users/demo/my-PROJECTS/x/y',
    );
  });
});
