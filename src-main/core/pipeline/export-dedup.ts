import type { ArchiveResult } from '../checkpoint/archive-exports';
import type { ArchiveMode } from '../checkpoint/archive-policy';
import { RawTranscriptArchiver, type RawCopyResult } from '../checkpoint/raw-transcripts';
import { writeCheckpoint, type CheckpointOutcome } from '../checkpoint/write-checkpoint';
import { MIGRATION_TITLE, prepareTrackedMemory } from '../checkpoint/prepare-tracked';
import { MEMORY_FORMAT } from '../checkpoint/tracked-format';
import { machineIdentity } from '../checkpoint/machine-identity';
import { configDir } from '../settings/settings';
import { defaultSources, discover } from '../discovery/discover';
import { settleWaitingExports, type SettleWait } from '../discovery/settle-wait';
import { subagentsAfterTheirSessions } from '../discovery/subagent-order';
import type { DiscoveryOptions, DiscoveryResult } from '../discovery/types';
import type { Logger } from '../log/logger';
import { buildMissingReadIndexes } from '../memory/bulk-indexes';
import { MemoryStore } from '../memory/store';
import { dedupRate, ZERO_COUNTS } from '../model';
import { memoryOutsideGitNotice } from '../git/memory-outside-git';
import { ensureGitignoreEntries } from '../workspace/gitignore';
import { memoryLayout, type MemoryLayout } from '../workspace/memory-layout';
import { removeStaleTempFiles } from '../workspace/atomic-write';
import { archiveExports } from './archive-step';
import type { EventSink } from './events';
import type { GitStep, GitStepReport } from './git-seam';
import { runImportStep, type ImportTally } from './import-step';
import { sortProblems } from './reported-problems';
import type { BackgroundStoreTasks } from './store-tasks';
import { inlineParser, type SourceParser } from './source-parser';
import { acquirePipelineLock } from './pipeline-lock';
import { checkFreeSpace, checkStoreIntegrity, checkWritable, formatBytes } from './preflight';
import { EXIT, type RunSummary } from './run-summary';
import { releaseAll } from './run-cleanup';
import { StepRunner } from './step-runner';
import { count } from '../plural';

/** Where to look (the discovery options: see run-options for building them from a workspace) and how to run. */
export interface ExportDedupOptions extends DiscoveryOptions {
  description?: string;
  /** The `archiveMode` setting (`--keep-originals`: copy). Default `move`. */
  archiveMode?: ArchiveMode;
  /** null: `--no-git` (or no git integration available). */
  git: GitStep | null;
  lockWaitMs: number;
  settleMs?: number;
  /** An explicit run waits this long for exports still being written (see settle-wait). */
  settleWait?: SettleWait;
  logger: Logger;
  onEvent?: EventSink;
  /**
   * Where files are read and parsed (default: inline). The CLI and the app pass one that
   * parses in a worker thread, ahead of the store's writes. Made when the run starts, so a
   * worker starts up while discovery walks the disk; closed when the run ends.
   */
  createParser?: () => SourceParser;
  /**
   * Store work done on other threads (node/store-tasks): the write-ahead log copied into the
   * database file during the archive step, the search index built while the checkpoint's
   * files are written. Without it, this thread does both itself.
   */
  storeTasks?: BackgroundStoreTasks;
  /** Asked after discovery, before anything changes (an interactive terminal without --yes). */
  confirm?: (found: DiscoveryResult) => Promise<boolean>;
  command: string;
}

interface RunState extends ImportTally {
  archived: ArchiveResult[];
  rawCopies: RawCopyResult[];
  checkpoint: CheckpointOutcome | null;
  discovery: DiscoveryResult | null;
  git: GitStepReport | { skipped: string };
  /** Files a conversion to the current memory format wrote or removed: the git step commits them. */
  migrated: string[];
}

/**
 * The export-dedup run: preflight, discover, import (dedup), archive, checkpoint, git.
 * Every step is logged; a bad file is reported and skipped; a crash anywhere is finished
 * by the next run (see the checkpoint and archive modules for how).
 */
export async function runExportDedup(o: ExportDedupOptions): Promise<RunSummary> {
  const t0 = performance.now();
  const layout = memoryLayout(o.memoryDir);
  const steps = new StepRunner(o.logger, o.onEvent ?? (() => {}));
  const state: RunState = emptyState();
  let store: MemoryStore | null = null;
  let release: (() => Promise<void>) | null = null;
  let error: string | null = null;
  let walCopy: Promise<string | null> | null = null;
  const parser = o.createParser?.() ?? inlineParser;
  parser.warmUp?.();
  o.logger.info('run', `export-dedup started`, { root: o.root, memory: layout.root, command: o.command });
  try {
    let migrated: string[];
    ({ store, release, migrated } = await steps.run(
      'preflight',
      () => preflight(layout, o),
      (r) => r.summary,
    ));
    state.migrated = migrated;
    const s = store;
    state.discovery = await steps.run('discover', () => runDiscovery(o), describeDiscovery);
    state.discovery = setKnownProblemsAside(layout, state.discovery, o.logger);
    logDiscoveryProblems(o.logger, state.discovery);
    if (o.confirm && state.discovery.files.length && !(await o.confirm(state.discovery))) {
      throw new Error('cancelled at the prompt; nothing was imported');
    }
    await steps.run(
      'import',
      () => runImportStep(s, state.discovery!.files, state, { ...o, parser }),
      () => describeCounts(state),
    );
    // Nothing is parsed after the import step: the worker's memory is let go before the
    // checkpoint's peak (tens of MB of a thread's heap; issue 16). Closing again later is a no-op.
    await parser.close();
    // Nothing imported, nothing in the log to copy: a run with nothing new starts no thread.
    if (state.files.some((f) => f.status === 'imported'))
      walCopy = o.storeTasks?.checkpointWal(layout.storeFile) ?? null;
    await steps.run(
      'archive',
      () => archiveAll(s, layout, state, o),
      () => describeArchive(state),
    );
    state.checkpoint = await steps.run(
      'checkpoint',
      () =>
        writeCheckpoint(s, layout, {
          description: o.description,
          alongside: indexAlongside(o, layout),
          machine: machineIdentity(configDir(o.env, o.home)),
          home: o.home,
        }),
      describeCheckpoint,
    );
    state.git = await gitStep(steps, o, state);
  } catch (err) {
    error = (err as Error).message ?? String(err);
  } finally {
    const open = store;
    await releaseAll(
      [
        { what: 'copy the write-ahead log', release: async () => logWalProblem(o.logger, await walCopy) },
        {
          what: 'make the new messages searchable',
          release: () => open && finishSearchIndex(open, o.logger),
        },
        {
          what: 'build the indexes a large import left out',
          release: () => open && buildLeftOutIndexes(open, o.logger),
        },
        { what: `close the index ${layout.storeFile}`, release: () => open?.close() },
        { what: 'stop the parse worker', release: () => parser.close() },
        { what: `release the lock on ${layout.root}`, release: () => release?.() },
      ],
      o.logger,
    );
  }
  const summary = buildSummary(o, layout, state, error, performance.now() - t0);
  o.logger[summary.outcome === 'done' ? 'info' : summary.outcome === 'partial' ? 'warn' : 'error'](
    'run',
    `export-dedup ${summary.outcome}`,
    {
      read: summary.counts.read,
      new_unique: summary.counts.newUnique,
      duplicates: summary.counts.duplicates,
      duration_ms: summary.durationMs,
    },
  );
  flushLog(o.logger);
  return summary;
}

function logWalProblem(log: Logger, problem: string | null): void {
  if (problem) log.warn('run', problem);
}

/** A log that cannot be written (the disk is full) must not cost the caller its summary. */
function flushLog(log: Logger): void {
  try {
    log.flush();
  } catch {
    // The logger keeps the lines and writes them with the next flush (see Logger.flush).
  }
}

/** The search index, built on another thread while the checkpoint writes its files. */
function indexAlongside(o: ExportDedupOptions, layout: MemoryLayout): (() => Promise<void>) | undefined {
  const tasks = o.storeTasks;
  if (!tasks) return undefined;
  return async () => {
    const problem = await tasks.indexSearch(layout.storeFile);
    if (problem) o.logger.warn('checkpoint', `${problem}; indexing on this thread instead`);
  };
}

/** A run that stopped between a large import and its checkpoint (bulk-indexes.ts). */
function buildLeftOutIndexes(store: MemoryStore, log: Logger): void {
  const built = buildMissingReadIndexes(store);
  if (built.length) log.info('run', `built the indexes ${built.join(', ')} the import had left out`);
}

/**
 * Whatever the run imported is searchable when it ends: done here when no other thread did it
 * (or it failed, or the run stopped before its checkpoint); a no-op otherwise.
 */
function finishSearchIndex(store: MemoryStore, log: Logger): void {
  try {
    const indexed = store.catchUpSearchIndex();
    if (indexed) log.debug('run', 'search index caught up', { messages: indexed });
  } catch (err) {
    // The next writer to open the store catches up (store.open); nothing is lost.
    log.warn('run', `search index not caught up: ${(err as Error).message}`);
  }
}

function emptyState(): RunState {
  return {
    files: [],
    totals: { ...ZERO_COUNTS },
    archived: [],
    rawCopies: [],
    rawArchiver: null,
    checkpoint: null,
    discovery: null,
    git: { skipped: 'not reached' },
    migrated: [],
  };
}

async function preflight(layout: MemoryLayout, o: ExportDedupOptions) {
  checkWritable(layout.localDir, layout.root);
  const free = checkFreeSpace(layout.root);
  const release = await acquirePipelineLock(layout.lockTarget, layout.lockOwnerFile, layout.root, {
    waitMs: o.lockWaitMs,
    command: o.command,
  });
  try {
    const store = MemoryStore.open(layout.storeFile);
    const integrity = checkStoreIntegrity(store);
    ensureGitignoreEntries(layout.gitignoreFile, ['.local/']);
    for (const dir of [layout.root, layout.dedupStateDir, layout.checkpointsDir]) removeStaleTempFiles(dir);
    const tracked = await prepareTrackedMemory(store, layout, o.home);
    return {
      store,
      release,
      migrated: tracked.migrated,
      summary: `${formatBytes(free)} free, writable, ${integrity}, lock held${tracked.summary}`,
    };
  } catch (err) {
    await release();
    throw err;
  }
}

async function runDiscovery(o: ExportDedupOptions): Promise<DiscoveryResult> {
  const found = await settleExports(await discover(defaultSources(o), { settleMs: o.settleMs }), o);
  return { ...found, files: subagentsAfterTheirSessions(found.files) };
}

/** An explicit run waits for exports still being written (see settle-wait); others do not. */
async function settleExports(found: DiscoveryResult, o: ExportDedupOptions): Promise<DiscoveryResult> {
  const wait = o.settleWait;
  if (!wait) return found;
  return settleWaitingExports(found, wait, (files) => {
    o.logger.info(
      'discover',
      `waiting up to ${wait.maxMs / 1000} s for ${files.length} export(s) still being written`,
    );
    o.onEvent?.({ type: 'waiting-for-writes', paths: files.map((f) => f.path), maxMs: wait.maxMs });
  });
}

/** A bad file reported by an earlier run and unchanged since is not news: logged, not reported. */
function setKnownProblemsAside(layout: MemoryLayout, d: DiscoveryResult, log: Logger): DiscoveryResult {
  const { fresh, known } = sortProblems(layout.localDir, d.problems);
  for (const p of known)
    log.info('discover', `still skipped (reported before; see coditect doctor): ${p.path}: ${p.reason}`);
  return { ...d, problems: fresh };
}

function logDiscoveryProblems(log: Logger, d: DiscoveryResult): void {
  for (const p of d.problems)
    log[p.scope === 'file' ? 'error' : 'warn']('discover', `skipped ${p.path}: ${p.reason}`);
  for (const f of d.waiting) log.info('discover', `still being written, waits for the next run: ${f.path}`);
  for (const l of d.skippedLinks)
    log.warn('discover', `link not followed: ${l.path} -> ${l.target}: ${l.reason}`);
}

async function archiveAll(
  store: MemoryStore,
  layout: MemoryLayout,
  state: RunState,
  o: ExportDedupOptions,
): Promise<void> {
  const log = o.logger;
  state.archived = await archiveExports(store, layout.exportsArchiveDir, state.files, o);
  state.archived.forEach((a) => logArchive(log, a));
  state.rawArchiver ??= new RawTranscriptArchiver(store, layout.rawTranscriptsDir);
  state.rawCopies = await state.rawArchiver.finish();
  for (const c of state.rawCopies) {
    if (c.status === 'copied')
      log.info('archive', `copied transcript ${c.path} to ${c.to}`, { bytes: c.bytes });
    else log.error('archive', `could not copy transcript ${c.path}: ${c.reason}`);
  }
}

function logArchive(log: Logger, a: ArchiveResult): void {
  if (a.status === 'archived' || a.status === 'already-archived')
    log.info('archive', `moved ${a.from} to ${a.to}`);
  else if (a.status === 'duplicate-archived')
    log.info('archive', `already imported (as ${a.sameAs}), archived: moved ${a.from} to ${a.to}`);
  else if (a.status === 'copied')
    log.info('archive', `copied ${a.from} to ${a.to}; the original stays: ${a.reason}`);
  else if (a.status === 'duplicate-kept')
    log.info('archive', `already imported (as ${a.sameAs}); ${a.from} stays where it is: ${a.reason}`);
  else if (a.status === 'missing') log.warn('archive', `${a.from}: ${a.reason}`);
  else log.error('archive', `could not archive ${a.from}: ${a.reason}; it stays where it is`);
}

async function gitStep(steps: StepRunner, o: ExportDedupOptions, state: RunState): Promise<RunState['git']> {
  const cp = state.checkpoint;
  if (!o.git) {
    steps.skip('git', '--no-git');
    return { skipped: '--no-git' };
  }
  const written = cp?.status === 'written' ? cp.checkpoint : null;
  if (!written && !state.migrated.length) {
    steps.skip('git', 'nothing new to commit');
    return { skipped: 'nothing new to commit' };
  }
  const git = o.git;
  return steps.run(
    'git',
    () =>
      git({
        projectsRoot: o.root,
        memoryDir: o.memoryDir,
        touchedPaths: touchedPaths(state),
        title: written?.title ?? MIGRATION_TITLE,
        statsTrailer: written
          ? `read=${written.read_count} new=${written.new_count} duplicates=${written.dup_count}`
          : `format=${MEMORY_FORMAT}`,
      }),
    (r) => r.summary,
  );
}

function touchedPaths(state: RunState): string[] {
  const paths = new Set<string>(state.migrated);
  if (state.checkpoint?.status === 'written') state.checkpoint.files.forEach((f) => paths.add(f));
  for (const a of state.archived) {
    if (a.status === 'archived' || a.status === 'already-archived' || a.status === 'duplicate-archived') {
      paths.add(a.to);
      paths.add(a.from);
    } else if (a.status === 'copied') paths.add(a.to);
  }
  return [...paths].sort();
}

function buildSummary(
  o: ExportDedupOptions,
  layout: MemoryLayout,
  s: RunState,
  error: string | null,
  ms: number,
): RunSummary {
  const failedFiles = s.files.some((f) => f.status === 'failed');
  const failedMoves =
    s.archived.some((a) => a.status === 'failed') || s.rawCopies.some((c) => c.status === 'failed');
  const gitFailed = 'ok' in s.git && !s.git.ok;
  const badFiles = s.discovery?.problems.some((p) => p.scope === 'file') ?? false;
  const outcome = error ? 'failed' : failedFiles || badFiles || failedMoves || gitFailed ? 'partial' : 'done';
  const cp = s.checkpoint?.status === 'written' ? s.checkpoint : null;
  return {
    outcome,
    exitCode: EXIT[outcome],
    memoryDir: layout.root,
    logFile: layout.logFile,
    counts: s.totals,
    dedupRate: dedupRate(s.totals),
    files: s.files,
    waiting: s.discovery?.waiting.map((f) => f.path) ?? [],
    problems: s.discovery?.problems ?? [],
    skippedLinks: s.discovery?.skippedLinks ?? [],
    archived: s.archived,
    rawCopies: s.rawCopies,
    checkpoint: cp
      ? {
          id: cp.checkpoint.id,
          title: cp.checkpoint.title,
          document: cp.checkpoint.document,
          resumed: cp.resumed !== null,
          counts: {
            read: cp.checkpoint.read_count,
            newUnique: cp.checkpoint.new_count,
            duplicates: cp.checkpoint.dup_count,
          },
        }
      : null,
    touchedPaths: touchedPaths(s),
    redactions: cp?.redactions ?? 0,
    git: s.git,
    memoryNotInGit: memoryOutsideGitNotice(layout.root, o.root),
    durationMs: Math.round(ms),
    error,
  };
}

function describeDiscovery(d: DiscoveryResult): string {
  const exports = d.files.filter((f) => f.kind === 'export').length;
  return `${count(exports, 'export')}, ${count(d.files.length - exports, 'transcript')}, ${d.waiting.length} still being written, ${count(d.problems.length, 'problem')}`;
}

function describeCounts(s: RunState): string {
  const failed = s.files.filter((f) => f.status === 'failed').length;
  const c = s.totals;
  return `${c.read} read, ${c.newUnique} new unique, ${c.duplicates} duplicates (${(dedupRate(c) * 100).toFixed(1)}%)${failed ? `, ${count(failed, 'file')} failed` : ''}`;
}

function describeArchive(s: RunState): string {
  const moved = s.archived.filter((a) => a.status === 'archived' || a.status === 'duplicate-archived').length;
  const copied = s.archived.filter((a) => a.status === 'copied').length;
  const failed =
    s.archived.filter((a) => a.status === 'failed').length +
    s.rawCopies.filter((c) => c.status === 'failed').length;
  const transcripts = s.rawCopies.filter((c) => c.status === 'copied').length;
  return `${count(moved, 'export')} archived, ${copied ? `${copied} copied (originals kept), ` : ''}${count(transcripts, 'transcript')} copied${failed ? `, ${failed} failed` : ''}`;
}

function describeCheckpoint(c: CheckpointOutcome): string {
  if (c.status === 'nothing-new') return 'nothing new; no checkpoint';
  const resumed = c.resumed && c.resumed.id !== c.checkpoint.id ? `finished ${c.resumed.document}, ` : '';
  return `${resumed}${c.resumed?.id === c.checkpoint.id ? 'finished' : 'wrote'} ${c.checkpoint.document}`;
}
