import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultSources, discover, type DiscoverySource } from '../../../src-main/core/discovery/discover';
import { LinkBounds, pseudoMounts } from '../../../src-main/core/discovery/link-bounds';
import { cleanup, putFixture, tempTree } from './fixture-tree';

const rootSource = (dir: string): DiscoverySource[] => [{ name: 'projects-root', dir, recursive: true }];
const OUTSIDE = 'points outside the folders CODITECT searches';
const SYSTEM = 'points into a system folder (not files of yours)';

afterEach(cleanup);

describe('symlinks stay inside the places discovery searches', () => {
  it.skipIf(!fs.existsSync('/proc/self'))(
    'never follows PROJECTS/x -> /proc, and names the link once',
    async () => {
      const root = tempTree();
      const mine = putFixture('export-v1-macos.txt', path.join(root, 'repo', 'chat.txt'));
      fs.symlinkSync('/proc', path.join(root, 'x'));
      fs.symlinkSync('/proc/self/root', path.join(root, 'repo', 'whole-disk'));
      const r = await discover(rootSource(root));
      expect(r.files.map((f) => f.path)).toEqual([mine]);
      expect(r.skippedLinks).toEqual([
        { path: path.join(root, 'repo', 'whole-disk'), target: '/', reason: OUTSIDE },
        { path: path.join(root, 'x'), target: '/proc', reason: SYSTEM },
      ]);
      // Only the root's own folders were listed, not /proc's thousands.
      expect(r.dirsScanned).toBe(2);
    },
  );

  it('never follows a link into a system folder, even when a searched place holds it', () => {
    const bounds = new LinkBounds(['/'], ['/proc', '/sys', '/dev']);
    const dir = tempTree();
    fs.symlinkSync('/dev', path.join(dir, 'devices'));
    expect(bounds.refusal(path.join(dir, 'devices'))).toEqual({
      path: path.join(dir, 'devices'),
      target: '/dev',
      reason: SYSTEM,
    });
  });

  it.skipIf(!fs.existsSync('/proc/self'))('never walks a source that is a system folder itself', async () => {
    const r = await discover(rootSource('/proc'));
    expect(r.files).toEqual([]);
    expect(r.dirsScanned).toBe(0);
    expect(r.problems).toEqual([
      {
        path: '/proc',
        reason: 'a system folder (kernel or device files), never searched',
        scope: 'directory',
      },
    ]);
  });

  it('knows a system folder mounted as a plain directory by its mount point', () => {
    const bounds = new LinkBounds(['/'], ['/proc', '/srv/chroot/proc']);
    expect(bounds.isSystemMount('/srv/chroot/proc')).toBe(true);
    expect(bounds.isSystemMount('/srv/chroot')).toBe(false);
    expect(bounds.isInSystemFolder('/srv/chroot/proc/1')).toBe(true);
  });

  it('does not follow PROJECTS/team-share -> ../outside, whose file looks like an export', async () => {
    const base = tempTree();
    const root = path.join(base, 'PROJECTS');
    const mine = putFixture('export-v1-macos.txt', path.join(root, 'repo', 'chat.txt'));
    const theirs = putFixture('export-v2-linux-overlap.txt', path.join(base, 'outside', 'team-notes.txt'));
    fs.symlinkSync(path.join('..', 'outside'), path.join(root, 'team-share'));
    fs.symlinkSync(theirs, path.join(root, 'repo', 'notes-link.txt'));
    const r = await discover(rootSource(root));
    expect(r.files.map((f) => f.path)).toEqual([mine]);
    expect(r.skippedLinks).toEqual([
      { path: path.join(root, 'repo', 'notes-link.txt'), target: theirs, reason: OUTSIDE },
      { path: path.join(root, 'team-share'), target: path.join(base, 'outside'), reason: OUTSIDE },
    ]);
    expect(fs.existsSync(theirs)).toBe(true);
  });

  it('follows a link from Downloads into the projects root: both are searched places', async () => {
    const home = tempTree();
    const real = putFixture('export-v1-macos.txt', path.join(home, 'PROJECTS', 'repo', 'chat.txt'));
    fs.mkdirSync(path.join(home, 'Downloads'));
    fs.symlinkSync(real, path.join(home, 'Downloads', 'chat-link.txt'));
    const sources = defaultSources({
      root: path.join(home, 'PROJECTS'),
      memoryDir: path.join(home, 'PROJECTS', 'MEMORY-CONTEXT'),
      cwd: home,
      home,
      tmpdir: path.join(home, 'tmp'),
      env: {},
      includeTemp: false,
      includeTranscripts: false,
    });
    const r = await discover(sources);
    expect(r.files.map((f) => f.path)).toEqual([real]);
    expect(r.skippedLinks).toEqual([]);
  });

  it('names a link seen from two overlapping sources once', async () => {
    const base = tempTree();
    const root = path.join(base, 'PROJECTS');
    const memory = path.join(root, 'master', 'MEMORY-CONTEXT');
    fs.mkdirSync(memory, { recursive: true });
    putFixture('export-v1-macos.txt', path.join(base, 'elsewhere', 'a.txt'));
    fs.symlinkSync(path.join(base, 'elsewhere'), path.join(memory, 'inbox-link'));
    const r = await discover([
      { name: 'projects-root', dir: root, recursive: true },
      { name: 'memory', dir: memory, recursive: true },
    ]);
    expect(r.files).toEqual([]);
    expect(r.skippedLinks).toEqual([
      { path: path.join(memory, 'inbox-link'), target: path.join(base, 'elsewhere'), reason: OUTSIDE },
    ]);
  });

  it('says nothing of links that could not matter (a non-candidate file, a folder in a flat source)', async () => {
    const base = tempTree();
    const downloads = path.join(base, 'Downloads');
    fs.mkdirSync(downloads);
    fs.writeFileSync(path.join(base, 'photo.jpg'), 'x');
    fs.symlinkSync(path.join(base, 'photo.jpg'), path.join(downloads, 'photo.jpg'));
    fs.symlinkSync('/etc', path.join(downloads, 'etc'));
    const r = await discover([{ name: 'downloads', dir: downloads, recursive: false }]);
    expect(r.skippedLinks).toEqual([]);
  });

  it('reads pseudo file system mounts from the mount table, spaces unescaped', () => {
    const table = [
      '22 1 0:21 / /proc rw,nosuid - proc proc rw',
      '23 1 0:22 / /sys rw - sysfs sysfs rw',
      '24 1 8:1 / / rw - ext4 /dev/sda1 rw',
      '25 1 0:23 / /run/user/1000 rw - tmpfs tmpfs rw',
      '26 1 0:24 / /mnt/odd\\040place rw - cgroup2 cgroup2 rw',
    ].join('\n');
    expect(pseudoMounts(table)).toEqual(['/proc', '/sys', '/mnt/odd place']);
  });
});
