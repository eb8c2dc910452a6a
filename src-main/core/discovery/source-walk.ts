import fs from 'node:fs';
import type { BigIntStats, Dirent } from 'node:fs';
import path from 'node:path';
import { candidateRole, MAX_EXPORT_BYTES, type CandidateRole } from './candidates';
import type { Collector, WalkCounts } from './collector';
import { examineFile, type Clock, type Verdict } from './examine';
import { fileFacts, identityKey } from './file-facts';
import { isVanished, problemReason } from './fs-errors';
import { VENV_MARKER } from './skip-dirs';
import type { TaskPool } from './task-pool';
import { transcriptPlace } from './transcript-path';
import type { DiscoverySource } from './types';

/** What all sources of one run share. */
export interface WalkShared {
  pool: TaskPool;
  clock: Clock;
  skipDir: (name: string) => boolean;
  collector: Collector;
  counts: WalkCounts;
}

/** A directory on the current path from the source root, for loop detection. */
interface Ancestor {
  key: string;
  path: string;
  parent: Ancestor | null;
}

/** How a path was reached: whether a symlink was followed on the way. */
interface Route {
  path: string;
  viaLink: boolean;
}

type Done = () => void;

/**
 * Walks one source. Every directory and candidate file is a task in the shared pool, so
 * many directories are listed at once. Types come from `readdir` (d_type): only
 * directories (for their identity), symlinks and candidate files are ever stat'ed.
 * Callback style throughout, for speed (see task-pool); every callback is guarded.
 */
export class SourceWalk {
  /** Directories already listed in this source: a second route to one adds nothing. */
  private readonly visited = new Set<string>();
  private readonly transcripts: boolean;
  private readonly root: string;

  constructor(
    private readonly shared: WalkShared,
    private readonly source: DiscoverySource,
    private readonly index: number,
  ) {
    this.transcripts = source.name === 'transcripts';
    this.root = path.resolve(source.dir);
  }

  start(): void {
    // A missing or non-directory source is simply empty: most people have no ~/Desktop export.
    this.shared.pool.add((done) => this.visitDir({ path: this.root, viaLink: false }, null, done));
  }

  private visitDir(route: Route, parent: Ancestor | null, done: Done): void {
    this.stat(route.path, done, (s) => (s?.isDirectory() ? this.enterDir(route, s, parent, done) : done()));
  }

  private enterDir(route: Route, s: BigIntStats, ancestors: Ancestor | null, done: Done): void {
    const key = identityKey(s);
    const loop = findAncestor(ancestors, key);
    if (loop) return this.problem(route.path, `directory loop: leads back to ${loop.path}`, done);
    if (this.visited.has(key)) return done();
    this.visited.add(key);
    const self: Ancestor = { key, path: route.path, parent: ancestors };
    fs.readdir(route.path, { withFileTypes: true }, this.guard(done, (err, entries: Dirent[]) => {
      if (err) return isVanished(err) ? done() : this.problem(route.path, problemReason(err), done);
      this.shared.counts.dirsScanned++;
      this.shared.counts.entriesSeen += entries.length;
      // A virtualenv of any name: thousands of package files, never an export.
      const venv = ancestors !== null && entries.some((e) => e.name === VENV_MARKER);
      if (!venv) for (const e of entries) this.dispatch(route, self, e);
      done();
    }));
  }

  /** Called for every entry of the tree: only cheap name checks before a task is queued. */
  private dispatch(parent: Route, self: Ancestor, e: Dirent): void {
    const pool = this.shared.pool;
    if (e.isDirectory()) {
      if (this.mayEnter(e.name)) pool.add((done) => this.visitDir(child(parent, e.name, false), self, done));
    } else if (e.isFile()) {
      const role = candidateRole(e.name, this.transcripts);
      if (role) pool.add((done) => this.visitFile(child(parent, e.name, false), role, null, done));
    } else if (e.isSymbolicLink()) {
      pool.add((done) => this.followLink(child(parent, e.name, true), e.name, self, done));
    }
    // Sockets, FIFOs and devices are never opened: reading a FIFO would block the walk.
  }

  private mayEnter(name: string): boolean {
    return this.source.recursive && !this.shared.skipDir(name);
  }

  /** Symlinks are followed to what they point at; a dangling one is skipped quietly. */
  private followLink(route: Route, name: string, parent: Ancestor, done: Done): void {
    this.stat(route.path, done, (s) => {
      if (!s) return done();
      if (s.isDirectory()) return this.mayEnter(name) ? this.enterDir(route, s, parent, done) : done();
      const role = candidateRole(name, this.transcripts);
      return role ? this.visitFile(route, role, s, done) : done();
    });
  }

  private visitFile(route: Route, role: CandidateRole, known: BigIntStats | null, done: Done): void {
    if (!known) return this.stat(route.path, done, (s) => (s ? this.visitFile(route, role, s, done) : done()));
    if (!this.plausible(known, role)) return done();
    const key = identityKey(known);
    const run = (cb: (v: Verdict) => void) => examineFile(route.path, known, role, this.shared.clock, cb);
    this.shared.collector.examineOnce(`${role}:${key}`, run, this.guard(done, (v: Verdict) => this.record(route, key, v, done)));
  }

  /** Cheap checks on the stat, before any file is opened. */
  private plausible(s: BigIntStats, role: CandidateRole): boolean {
    if (!s.isFile() || s.size === 0n) return false; // empty: nothing to identify yet
    if (role === 'export' && s.size > BigInt(MAX_EXPORT_BYTES)) return false;
    const age = this.source.maxAgeMs;
    return age === undefined || this.shared.clock.now - fileFacts(s).mtimeMs <= age;
  }

  private record(route: Route, key: string, v: Verdict, done: Done): void {
    if (v.status === 'problem') return this.problem(route.path, v.reason, done);
    if (v.status !== 'input') return done();
    const add = (p: string) => {
      const place = this.transcripts ? transcriptPlace(path.relative(this.root, route.path).split(path.sep)) : {};
      this.shared.collector.addReach({ key, sourceIndex: this.index, source: this.source.name, path: p, kind: v.kind, facts: v.facts, settled: v.settled, place });
      done();
    };
    if (!route.viaLink) return add(route.path);
    // Named by its real path, so which of two routes the concurrent walk took first never
    // changes the reported path from run to run (the importer keys transcripts by path).
    fs.realpath(route.path, this.guard(done, (err, real: string) => add(err ? route.path : real)));
  }

  /** Follows symlinks. Something that vanished since it was listed is skipped quietly. */
  private stat(p: string, done: Done, then: (s: BigIntStats | null) => void): void {
    fs.stat(p, { bigint: true }, this.guard(done, (err, s: BigIntStats) => {
      if (err && !isVanished(err)) this.shared.collector.addProblem(p, problemReason(err));
      then(err ? null : s);
    }));
  }

  private problem(p: string, reason: string, done: Done): void {
    this.shared.collector.addProblem(p, reason);
    done();
  }

  private guard<A extends unknown[]>(done: Done, fn: (...args: A) => void): (...args: A) => void {
    return this.shared.pool.guard(done, fn);
  }
}

function child(parent: Route, name: string, isLink: boolean): Route {
  // Plain concatenation: the root is already resolved, and path.join's normalising is measurable per entry.
  const p = parent.path.endsWith(path.sep) ? parent.path + name : parent.path + path.sep + name;
  return { path: p, viaLink: parent.viaLink || isLink };
}

function findAncestor(a: Ancestor | null, key: string): Ancestor | null {
  for (let cur = a; cur; cur = cur.parent) if (cur.key === key) return cur;
  return null;
}
