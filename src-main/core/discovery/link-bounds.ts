import fs from 'node:fs';
import path from 'node:path';
import type { SkippedLink } from './types';

/**
 * Kernel and device file systems: a link into one leads anywhere (`/proc/thread-self/root` is
 * the whole disk again) or to files that never end. Never entered, whatever a link says.
 */
const PSEUDO_FS_TYPES: ReadonlySet<string> = new Set([
  'proc',
  'sysfs',
  'devtmpfs',
  'devpts',
  'devfs',
  'cgroup',
  'cgroup2',
  'debugfs',
  'tracefs',
  'securityfs',
  'pstore',
  'bpf',
  'configfs',
  'fusectl',
  'mqueue',
  'hugetlbfs',
  'binfmt_misc',
  'efivarfs',
  'selinuxfs',
  'rpc_pipefs',
  'nsfs',
  'nfsd',
]);

/** Where those live on every Unix, even when the mount table cannot be read. */
const PSEUDO_FS_DIRS: readonly string[] = ['/proc', '/sys', '/dev'];

/**
 * Decides whether a symlink found during discovery may be followed: only when what it
 * finally resolves to lies inside one of the places discovery searches (the projects root,
 * the memory folder, Downloads, Desktop, the temp folder, Claude Code's transcript folders,
 * the export locations), and never into a pseudo file system. Without this a link such as
 * `PROJECTS/x -> /proc` walked the whole disk, and `PROJECTS/team-share -> ../outside`
 * archived someone else's files.
 */
export class LinkBounds {
  private readonly roots: readonly string[];
  private readonly pseudoDirs: readonly string[];
  private readonly pseudoMountPoints: ReadonlySet<string>;

  constructor(roots: readonly string[], pseudoDirs: readonly string[] = systemPseudoDirs()) {
    this.roots = [...new Set(roots.flatMap(realOrNothing))];
    this.pseudoDirs = pseudoDirs;
    this.pseudoMountPoints = new Set(pseudoDirs);
  }

  /**
   * A plain directory (no link on the way) is a system folder only where one is mounted: one
   * set lookup per directory, so a walk from `/` (`--root /`) still never lists /proc or /sys.
   */
  isSystemMount(dir: string): boolean {
    return this.pseudoMountPoints.has(dir);
  }

  /** A source that is itself a system folder (or inside one) is not walked at all. */
  isInSystemFolder(dir: string): boolean {
    const real = realOrNothing(dir)[0] ?? dir;
    return this.pseudoDirs.some((d) => isInside(real, d));
  }

  /** Why the link at `linkPath` must not be followed, or null when it may be. */
  refusal(linkPath: string): SkippedLink | null {
    const real = realOrNothing(linkPath)[0];
    if (real === undefined) return null; // dangling: nothing to follow, nothing to say
    if (this.pseudoDirs.some((d) => isInside(real, d)))
      return { path: linkPath, target: real, reason: 'points into a system folder (not files of yours)' };
    if (!this.roots.some((r) => isInside(real, r)))
      return { path: linkPath, target: real, reason: 'points outside the folders CODITECT searches' };
    return null;
  }
}

/** What a link says, resolved against its folder, for messages about links that resolve nowhere. */
export function linkText(linkPath: string): string {
  try {
    return path.resolve(path.dirname(linkPath), fs.readlinkSync(linkPath));
  } catch {
    return linkPath;
  }
}

function realOrNothing(p: string): string[] {
  try {
    return [fs.realpathSync(p)];
  } catch {
    return [];
  }
}

function isInside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

let cachedPseudoDirs: readonly string[] | undefined;

/** The fixed places, plus every mount of a pseudo file system the mount table lists (Linux). */
function systemPseudoDirs(): readonly string[] {
  if (process.platform === 'win32') return [];
  cachedPseudoDirs ??= [...new Set([...PSEUDO_FS_DIRS, ...pseudoMounts(readMountInfo())])];
  return cachedPseudoDirs;
}

function readMountInfo(): string {
  try {
    return fs.readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return ''; // not Linux, or /proc not mounted: the fixed places still hold
  }
}

/**
 * Mount points of pseudo file systems in `/proc/self/mountinfo` text: field 5 is the mount
 * point (octal escapes for spaces), the type follows the ` - ` separator.
 */
export function pseudoMounts(mountinfo: string): string[] {
  const dirs: string[] = [];
  for (const line of mountinfo.split('\n')) {
    const [left, right] = line.split(' - ');
    const mountPoint = left?.split(' ')[4];
    const type = right?.split(' ')[0];
    if (mountPoint && type && PSEUDO_FS_TYPES.has(type) && mountPoint !== '/')
      dirs.push(mountPoint.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))));
  }
  return dirs;
}
