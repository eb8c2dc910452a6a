import fs from 'node:fs';
import path from 'node:path';
import { candidateRole, HEAD_BYTES } from '../core/discovery/candidates';
import { sniffKind } from '../core/formats/sniff';
import type { Workspace } from '../core/workspace/resolve-workspace';
import { DirWatch } from './dir-watch';
import { isIgnored, watchTargets, type WatchTarget } from './watch-targets';

export interface ExportChange {
  path: string;
  change: 'added' | 'grown';
  kind: 'export' | 'transcript';
}

/** A path reporting the same change again within this window is one notice (two watchers, bursts of writes). */
const REPEAT_MS = 1000;

/**
 * Watches the export locations and transcript folders and reports exports and transcripts
 * that appear or grow. A file counts as an export by its content (the head is sniffed), as
 * discovery decides, so notes and checkpoint documents do not trigger anything.
 */
export class ExportWatcher {
  private watchers: DirWatch[] = [];
  private readonly sizes = new Map<string, number>();
  private readonly lastNotice = new Map<string, number>();
  private readonly kinds = new Map<string, 'export' | 'transcript' | null>();
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly onChange: (c: ExportChange) => void) {}

  start(ws: Workspace): void {
    void this.stop();
    this.watchers = watchTargets(ws)
      .filter((t) => fs.existsSync(t.dir))
      .map((t) => this.watchTarget(t));
    this.ready = Promise.all(this.watchers.map((w) => w.ready)).then(() => undefined);
  }

  stop(): Promise<void> {
    for (const w of this.watchers) w.close();
    this.watchers = [];
    return Promise.resolve();
  }

  private watchTarget(t: WatchTarget): DirWatch {
    return new DirWatch(t.dir, {
      depth: t.depth,
      ignored: (file) => isIgnored(t, file),
      onFile: (file, size, change) => this.seen(t, file, size, change === 'added' ? 'added' : 'grown'),
    });
  }

  private seen(t: WatchTarget, file: string, size: number, event: 'added' | 'grown'): void {
    const before = this.sizes.get(file);
    this.sizes.set(file, size);
    if (event === 'added' || (before !== undefined && size < before)) this.forgetKind(file);
    if (event === 'grown' && before !== undefined && size <= before) return;
    if (size === 0) return;
    const kind = this.kindOf(t, file, size);
    if (!kind || this.repeated(file, event)) return;
    this.onChange({ path: file, change: event, kind });
  }

  /**
   * What a file is, decided by its head: once the head is whole it cannot change while the
   * file only grows, so it is read once, not at every write (the run writes its checkpoint
   * document beside the inbox, a write every few milliseconds, and each sniff cost the window's
   * thread a few milliseconds). A file replaced or cut shorter is looked at again.
   */
  private kindOf(t: WatchTarget, file: string, size: number): 'export' | 'transcript' | null {
    const key = `${t.role}\0${file}`;
    const known = this.kinds.get(key);
    if (known !== undefined) return known;
    const kind = classify(t, file);
    if (size >= HEAD_BYTES) {
      if (this.kinds.size >= 10_000) this.kinds.clear();
      this.kinds.set(key, kind);
    }
    return kind;
  }

  private forgetKind(file: string): void {
    this.kinds.delete(`export\0${file}`);
    this.kinds.delete(`transcript\0${file}`);
  }

  private repeated(file: string, change: string): boolean {
    const key = `${change}\0${file}`;
    const now = Date.now();
    const last = this.lastNotice.get(key);
    this.lastNotice.set(key, now);
    if (this.lastNotice.size > 10_000) this.lastNotice.clear();
    return last !== undefined && now - last < REPEAT_MS;
  }
}

function classify(t: WatchTarget, file: string): 'export' | 'transcript' | null {
  const role = candidateRole(path.basename(file), t.role === 'transcript');
  if (role === 'transcript') return 'transcript';
  if (role !== 'export') return null;
  return sniffHead(file) === 'export' ? 'export' : null;
}

function sniffHead(file: string): 'export' | 'transcript' | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null; // gone already (moved to the archive) or unreadable
  }
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    return sniffKind(buf.subarray(0, fs.readSync(fd, buf, 0, HEAD_BYTES, 0)));
  } catch {
    return null;
  } finally {
    fs.closeSync(fd);
  }
}
