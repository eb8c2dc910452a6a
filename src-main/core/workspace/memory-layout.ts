import path from 'node:path';

/**
 * Where everything lives inside a `MEMORY-CONTEXT/` directory. Git-tracked artifacts sit at
 * the top and are each written once (one folder per checkpoint under `dedup_state/checkpoints/`),
 * so two machines' histories never conflict; machine-local and derived files (the SQLite index,
 * the combined index, the totals, the log, raw transcript copies, the lock) live under
 * `.local/`, which the pipeline keeps in `.gitignore`.
 */
export interface MemoryLayout {
  readonly root: string;
  readonly checkpointsDir: string;
  readonly dedupStateDir: string;
  /** One folder per checkpoint: `dedup_state/checkpoints/<id>/`. */
  readonly checkpointStateDir: string;
  /** `FORMAT.json`: the version of this layout (tracked, the same on every machine). */
  readonly formatFile: string;
  readonly gitattributesFile: string;
  readonly exportsArchiveDir: string;
  readonly gitignoreFile: string;
  readonly localDir: string;
  /** Derived from the store after each change: the combined index and the totals (untracked). */
  readonly checkpointIndexFile: string;
  readonly manifestFile: string;
  readonly storeFile: string;
  readonly logFile: string;
  readonly rawTranscriptsDir: string;
  readonly lockTarget: string;
  readonly lockOwnerFile: string;
  /** What format 1 (the release before) tracked; read once by the migration, then removed. */
  readonly legacy: {
    readonly uniqueMessagesFile: string;
    readonly checkpointIndexFile: string;
    readonly occurrencesDir: string;
    readonly manifestFile: string;
  };
}

export const LOCAL_DIR_NAME = '.local';
export const MEMORY_DIR_NAME = 'MEMORY-CONTEXT';

export function memoryLayout(memoryDir: string): MemoryLayout {
  const root = path.resolve(memoryDir);
  const local = path.join(root, LOCAL_DIR_NAME);
  const state = path.join(root, 'dedup_state');
  return {
    root,
    checkpointsDir: path.join(root, 'checkpoints'),
    dedupStateDir: state,
    checkpointStateDir: path.join(state, 'checkpoints'),
    formatFile: path.join(root, 'FORMAT.json'),
    gitattributesFile: path.join(root, '.gitattributes'),
    exportsArchiveDir: path.join(root, 'exports-archive'),
    gitignoreFile: path.join(root, '.gitignore'),
    localDir: local,
    checkpointIndexFile: path.join(local, 'checkpoint_index.json'),
    manifestFile: path.join(local, 'MANIFEST.json'),
    storeFile: path.join(local, 'coditect.sqlite'),
    logFile: path.join(local, 'coditect.log'),
    rawTranscriptsDir: path.join(local, 'raw-transcripts'),
    lockTarget: path.join(local, 'pipeline'),
    lockOwnerFile: path.join(local, 'pipeline.owner.json'),
    legacy: {
      uniqueMessagesFile: path.join(state, 'unique_messages.jsonl'),
      checkpointIndexFile: path.join(state, 'checkpoint_index.json'),
      occurrencesDir: path.join(state, 'occurrences'),
      manifestFile: path.join(root, 'MANIFEST.json'),
    },
  };
}
