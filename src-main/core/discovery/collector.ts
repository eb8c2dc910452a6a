import type { SourceKind } from '../model';
import type { FileFacts } from './file-facts';
import type { TranscriptPlace } from './transcript-path';
import type { DiscoveryProblem, DiscoveryResult, FoundFile, SkippedLink, SourceName } from './types';

/** One path by which an input was reached. */
export interface Reach {
  /** Device and inode, exact (see file-facts). */
  key: string;
  sourceIndex: number;
  source: SourceName;
  path: string;
  kind: SourceKind;
  facts: FileFacts;
  settled: boolean;
  place: TranscriptPlace;
}

export interface WalkCounts {
  dirsScanned: number;
  entriesSeen: number;
}

/**
 * Gathers what the walks find and turns it into a deterministic result: a file reached by
 * several paths is reported once, under the earliest source and then the smallest path,
 * whatever order the walk happened to reach them in.
 */
export class Collector {
  private readonly reaches: Reach[] = [];
  private readonly problems = new Map<string, DiscoveryProblem>();
  /** By path: a link reached from two overlapping sources (root and memory) is named once. */
  private readonly skippedLinks = new Map<string, SkippedLink>();

  addReach(r: Reach): void {
    this.reaches.push(r);
  }

  addProblem(path: string, reason: string, scope: DiscoveryProblem['scope']): void {
    this.problems.set(`${path}\0${reason}`, { path, reason, scope });
  }

  addSkippedLink(link: SkippedLink): void {
    if (!this.skippedLinks.has(link.path)) this.skippedLinks.set(link.path, link);
  }

  result(counts: WalkCounts): DiscoveryResult {
    const chosen = [...bestReaches(this.reaches).values()].sort(byPath);
    const problems = [...this.problems.values()].sort(
      (a, b) => compare(a.path, b.path) || compare(a.reason, b.reason),
    );
    return {
      files: chosen.filter((r) => r.settled).map(toFound),
      waiting: chosen.filter((r) => !r.settled).map(toFound),
      problems,
      skippedLinks: [...this.skippedLinks.values()].sort((a, b) => compare(a.path, b.path)),
      dirsScanned: counts.dirsScanned,
      entriesSeen: counts.entriesSeen,
    };
  }
}

function bestReaches(reaches: readonly Reach[]): Map<string, Reach> {
  const best = new Map<string, Reach>();
  for (const r of reaches) {
    const cur = best.get(r.key);
    if (!cur || r.sourceIndex < cur.sourceIndex || (r.sourceIndex === cur.sourceIndex && r.path < cur.path))
      best.set(r.key, r);
  }
  return best;
}

function toFound(r: Reach): FoundFile {
  const f: FoundFile = { path: r.path, kind: r.kind, ...r.facts, source: r.source };
  if (r.place.projectDir !== undefined) f.projectDir = r.place.projectDir;
  if (r.place.agentId !== undefined) f.agentId = r.place.agentId;
  return f;
}

function byPath(a: Reach, b: Reach): number {
  return compare(a.path, b.path) || a.sourceIndex - b.sourceIndex;
}

/** Code-unit order: the same on every machine, unlike `localeCompare`. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
