import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { candidateRole, HEAD_BYTES } from '../core/discovery/candidates';
import { sniffKind } from '../core/formats/sniff';
import type { Workspace } from '../core/workspace/resolve-workspace';
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
  private watchers: FSWatcher[] = [];
  private readonly sizes = new Map<string, number>();
  private readonly lastNotice = new Map<string, number>();
  ready: Promise<void> = Promise.resolve();

  constructor(private readonly onChange: (c: ExportChange) => void) {}

  start(ws: Workspace): void {
    void this.stop();
    this.watchers = watchTargets(ws)
      .filter((t) => fs.existsSync(t.dir))
      .map((t) => this.watchTarget(t));
    this.ready = Promise.all(
      this.watchers.map((w) => new Promise<void>((r) => w.once('ready', () => r()))),
    ).then(() => undefined);
  }

  async stop(): Promise<void> {
    const closing = this.watchers.map((w) => w.close());
    this.watchers = [];
    await Promise.all(closing);
  }

  private watchTarget(t: WatchTarget): FSWatcher {
    const w = watch(t.dir, {
      depth: t.depth,
      ignoreInitial: true,
      alwaysStat: true,
      ignored: (file) => isIgnored(t, file),
    });
    w.on('add', (file, st) => this.seen(t, file, st?.size ?? 0, 'added'));
    w.on('change', (file, st) => this.seen(t, file, st?.size ?? 0, 'grown'));
    w.on('error', () => undefined); // a folder that vanished or became unreadable: nothing to report
    return w;
  }

  private seen(t: WatchTarget, file: string, size: number, event: 'added' | 'grown'): void {
    const before = this.sizes.get(file);
    this.sizes.set(file, size);
    if (event === 'grown' && before !== undefined && size <= before) return;
    if (size === 0) return;
    const kind = classify(t, file);
    if (!kind || this.repeated(file, event)) return;
    this.onChange({ path: file, change: event, kind });
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
