import { describe, expect, it } from 'vitest';
import { countEntries, parsePorcelainV2 } from '../../../src-main/core/git/porcelain-v2';

const Z = (...records: string[]) => records.map((r) => `${r}\0`).join('');
const H = '0123456789abcdef0123456789abcdef01234567';

describe('parsePorcelainV2', () => {
  it('reads a branch with an upstream and ahead/behind', () => {
    const s = parsePorcelainV2(
      Z(`# branch.oid ${H}`, '# branch.head main', '# branch.upstream origin/main', '# branch.ab +2 -3'),
    );
    expect(s.head).toEqual({
      type: 'branch',
      name: 'main',
      oid: H,
      upstream: { name: 'origin/main', aheadBehind: { ahead: 2, behind: 3 } },
    });
  });

  it('tells an upstream that is gone from one that is not set', () => {
    const gone = parsePorcelainV2(
      Z(`# branch.oid ${H}`, '# branch.head topic', '# branch.upstream origin/topic'),
    );
    expect(gone.head).toMatchObject({ upstream: { name: 'origin/topic', aheadBehind: null } });
    const none = parsePorcelainV2(Z(`# branch.oid ${H}`, '# branch.head topic'));
    expect(none.head).toMatchObject({ upstream: null });
  });

  it('reads a detached HEAD and an unborn branch', () => {
    expect(parsePorcelainV2(Z(`# branch.oid ${H}`, '# branch.head (detached)')).head).toEqual({
      type: 'detached',
      oid: H,
    });
    expect(parsePorcelainV2(Z('# branch.oid (initial)', '# branch.head main')).head).toEqual({
      type: 'branch',
      name: 'main',
      oid: null,
      upstream: null,
    });
  });

  it('counts staged, modified, untracked and conflicted entries, paths with spaces intact', () => {
    const s = parsePorcelainV2(
      Z(
        `# branch.oid ${H}`,
        '# branch.head main',
        `1 M. N... 100644 100644 100644 ${H} ${H} staged file.txt`,
        `1 .M N... 100644 100644 100644 ${H} ${H} modified.txt`,
        `1 MM N... 100644 100644 100644 ${H} ${H} both.txt`,
        `2 R. N... 100644 100644 100644 ${H} ${H} R100 new name.txt`,
        'old name.txt',
        `u UU N... 100644 100644 100644 100644 ${H} ${H} ${H} conflict.txt`,
        '? untracked dir/file.txt',
        '! ignored.log',
      ),
    );
    expect(s.entries.map((e) => e.path)).toEqual([
      'staged file.txt',
      'modified.txt',
      'both.txt',
      'new name.txt',
      'conflict.txt',
      'untracked dir/file.txt',
      'ignored.log',
    ]);
    expect(s.entries[3]).toMatchObject({ kind: 'changed', x: 'R', origPath: 'old name.txt' });
    expect(countEntries(s.entries)).toEqual({ staged: 3, modified: 2, untracked: 1, conflicted: 1 });
  });

  it('reads the submodule state of a gitlink entry', () => {
    const s = parsePorcelainV2(Z(`1 .M SC.U 160000 160000 160000 ${H} ${H} submodules/sub`));
    expect(s.entries[0]).toMatchObject({
      kind: 'changed',
      path: 'submodules/sub',
      submodule: { commitChanged: true, trackedChanges: false, untrackedChanges: true },
    });
  });

  it('ignores records it does not know and empty output', () => {
    expect(parsePorcelainV2('').entries).toEqual([]);
    expect(parsePorcelainV2(Z('# stash 3', 'x something new')).entries).toEqual([]);
  });
});
