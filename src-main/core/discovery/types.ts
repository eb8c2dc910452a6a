import type { SourceKind } from '../model';

/**
 * The vocabulary of discovery: where to look, what was found, and what went wrong.
 * Kept apart from the walker so that the pipeline and the CLI can depend on the shapes
 * without pulling in any file-system code.
 */

export type SourceName =
  'projects-root' | 'memory' | 'cwd' | 'downloads' | 'desktop' | 'export-location' | 'temp' | 'transcripts';

/** One place to look. `maxAgeMs` keeps only files modified that recently (the temp dir). */
export interface DiscoverySource {
  name: SourceName;
  dir: string;
  recursive: boolean;
  maxAgeMs?: number;
  /** Absolute directories never entered: the app's own artifacts (see `appArtifactDirs`). */
  excludeDirs?: string[];
}

/** Everything `defaultSources` needs; passed in (never read from `process`) so tests control it. */
export interface DiscoveryOptions {
  root: string;
  memoryDir: string;
  cwd: string;
  home: string;
  tmpdir: string;
  env: NodeJS.ProcessEnv;
  includeTemp: boolean;
  includeTranscripts: boolean;
  /** Extra folders the user keeps exports in (settings `exportLocations`), searched top level. */
  exportLocations?: string[];
}

export interface FoundFile {
  path: string;
  kind: SourceKind;
  size: number;
  mtimeMs: number;
  dev: number;
  ino: number;
  source: SourceName;
  /** transcripts: the encoded cwd folder name */
  projectDir?: string;
  /** subagent transcripts */
  agentId?: string;
}

export interface DiscoveryProblem {
  path: string;
  reason: string;
  /** A bad file makes a run partial; a directory that could not be searched is a warning. */
  scope: 'file' | 'directory';
}

/** A symlink discovery did not follow: where it sits, what it resolves to, and why. */
export interface SkippedLink {
  path: string;
  target: string;
  reason: string;
}

export interface DiscoveryResult {
  /** Settled inputs, ready to import; sorted by path. */
  files: FoundFile[];
  /** Inputs still being written; the next run picks them up. Sorted by path. */
  waiting: FoundFile[];
  /** Skipped directories and files, with the reason; sorted by path. */
  problems: DiscoveryProblem[];
  /** Symlinks not followed (outside the searched places, a system folder, a loop); once each, sorted by path. */
  skippedLinks: SkippedLink[];
  dirsScanned: number;
  entriesSeen: number;
}

export interface DiscoverOptions {
  /** The clock, for tests. Default `Date.now()`. */
  now?: number;
  /** A file modified less than this long ago may still be growing. Default 5000 ms. */
  settleMs?: number;
  /**
   * Accepted for compatibility and ignored: the walk runs synchronous calls in short time
   * slices (see source-walk for the measurements), which beat any number of concurrent
   * promise-based calls on the benchmark tree.
   */
  concurrency?: number;
  /**
   * Which directory names not to enter. Replaces the default (`isSkippedDirName`); compose
   * with it to add names. Virtualenvs (a `pyvenv.cfg` inside) are skipped regardless.
   */
  skipDirs?: (name: string) => boolean;
}
