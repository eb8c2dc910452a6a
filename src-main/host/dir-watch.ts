import fs from 'node:fs';
import path from 'node:path';

export type FileChange = 'added' | 'changed';

export interface DirWatchOptions {
  /** Levels of subfolders watched: 0 = the folder's own files. */
  depth: number;
  /** Paths neither reported nor descended into. */
  ignored: (file: string) => boolean;
  /** A file that appeared (or was replaced by another) or changed, with its size. */
  onFile: (file: string, size: number, change: FileChange) => void;
  /** Names that change are gathered this long, then looked at together, one at a time. */
  coalesceMs?: number;
}

/** Long enough to gather a run's burst of moves into a few batches, short enough to feel live. */
export const COALESCE_MS = 100;

interface WatchedDir {
  watcher: fs.FSWatcher | null;
  level: number;
  /** Files seen in this folder: their inode, or -1 when only the name is known (there at the start). */
  files: Map<string, number>;
}

/**
 * Watches a folder and its subfolders down to `depth` with one `fs.watch` per folder, and
 * reports files that appear or change. This runs on the window's main thread while a run
 * moves hundreds of exports out of the inbox and writes its checkpoint beside it, so it does
 * as little per file-system event as it can: an event only queues the name; every
 * `coalesceMs` the names queued are looked at once each, one `stat` at a time (each awaited,
 * so the event loop runs between them). Nothing is read at the start but the folder lists:
 * files there then are known by name, and a later change of one is a change.
 *
 * (chokidar, used before, put an inotify watch on every file as well, stat-ed every file at
 * the start, and handled each event at once: a run archiving 700 exports stalled the event
 * loop for 40–120 ms; issue 16.)
 */
export class DirWatch {
  private readonly dirs = new Map<string, WatchedDir>();
  private pending = new Map<string, Set<string> | 'all'>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private flushing = false;
  private closed = false;
  private readonly coalesceMs: number;
  /** Resolves once the folders found at the start are watched. */
  readonly ready: Promise<void>;

  constructor(
    root: string,
    private readonly opts: DirWatchOptions,
  ) {
    this.coalesceMs = opts.coalesceMs ?? COALESCE_MS;
    this.ready = this.watchDir(root, 0, false);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const d of this.dirs.values()) d.watcher?.close();
    this.dirs.clear();
    this.pending.clear();
  }

  /** Watches `dir`, then lists it: its files are known (or, in a folder that just appeared, reported). */
  private async watchDir(dir: string, level: number, report: boolean): Promise<void> {
    if (this.closed || this.dirs.has(dir)) return;
    const entry: WatchedDir = { watcher: null, level, files: new Map() };
    this.dirs.set(dir, entry);
    try {
      entry.watcher = fs.watch(dir, { persistent: true }, (_event, name) => this.queue(dir, name));
      entry.watcher.on('error', () => this.unwatch(dir));
    } catch {
      this.dirs.delete(dir); // gone, unreadable, or out of watches: nothing to report from it
      return;
    }
    let names: fs.Dirent[];
    try {
      names = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return this.unwatch(dir);
    }
    const below: Promise<void>[] = [];
    for (const d of names) {
      if (this.closed) return;
      const full = path.join(dir, d.name);
      if (this.opts.ignored(full)) continue;
      if (d.isDirectory()) {
        if (level < this.opts.depth) below.push(this.watchDir(full, level + 1, report));
      } else if (report) this.queue(dir, d.name);
      else if (d.isSymbolicLink()) below.push(this.followLink(full, entry, d.name));
      else entry.files.set(d.name, -1);
    }
    await Promise.all(below);
  }

  /** A link there at the start: a folder it points to is watched, a file is known. */
  private async followLink(full: string, parent: WatchedDir, name: string): Promise<void> {
    try {
      const st = await fs.promises.stat(full);
      if (st.isDirectory()) {
        if (parent.level < this.opts.depth) await this.watchDir(full, parent.level + 1, false);
      } else if (st.isFile()) parent.files.set(name, -1);
    } catch {
      // a dangling link: nothing to watch
    }
  }

  private unwatch(dir: string): void {
    for (const [d, entry] of this.dirs) {
      if (d === dir || d.startsWith(dir + path.sep)) {
        entry.watcher?.close();
        this.dirs.delete(d);
      }
    }
  }

  private queue(dir: string, name: string | Buffer | null): void {
    if (this.closed) return;
    const names = this.pending.get(dir);
    if (name === null || names === 'all') this.pending.set(dir, 'all');
    else if (names) names.add(name.toString());
    else this.pending.set(dir, new Set([name.toString()]));
    if (!this.timer && !this.flushing) {
      this.timer = setTimeout(() => void this.flush(), this.coalesceMs);
      this.timer.unref?.();
    }
  }

  private async flush(): Promise<void> {
    this.timer = null;
    this.flushing = true;
    try {
      while (this.pending.size > 0 && !this.closed) {
        const batch = this.pending;
        this.pending = new Map();
        for (const [dir, names] of batch) {
          const list = names === 'all' ? await this.listNames(dir) : names;
          for (const name of list) {
            if (this.closed) return;
            await this.look(dir, name);
          }
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private async listNames(dir: string): Promise<Iterable<string>> {
    const known = this.dirs.get(dir)?.files.keys() ?? [];
    try {
      return new Set([...known, ...(await fs.promises.readdir(dir))]);
    } catch {
      return known;
    }
  }

  /** One name a folder reported: a file that appeared or changed, a folder that appeared, or gone. */
  private async look(dir: string, name: string): Promise<void> {
    const parent = this.dirs.get(dir);
    if (!parent) return; // the folder itself went away
    const full = path.join(dir, name);
    if (this.opts.ignored(full)) return;
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(full);
    } catch {
      parent.files.delete(name);
      if (this.dirs.has(full)) this.unwatch(full);
      return;
    }
    if (this.closed) return;
    if (st.isDirectory()) {
      if (parent.level < this.opts.depth && !this.dirs.has(full))
        await this.watchDir(full, parent.level + 1, true);
      return;
    }
    if (!st.isFile()) return;
    const before = parent.files.get(name);
    parent.files.set(name, st.ino);
    const replaced = before === undefined || (before !== -1 && before !== st.ino);
    this.opts.onFile(full, st.size, replaced ? 'added' : 'changed');
  }
}
