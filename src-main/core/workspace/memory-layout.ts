import path from 'node:path';

/**
 * Where everything lives inside a `MEMORY-CONTEXT/` directory. Git-tracked artifacts sit at
 * the top; machine-local files (the SQLite index, the log, raw transcript copies, the lock)
 * live under `.local/`, which the pipeline keeps in `.gitignore`.
 */
export interface MemoryLayout {
  readonly root: string;
  readonly checkpointsDir: string;
  readonly dedupStateDir: string;
  readonly uniqueMessagesFile: string;
  readonly checkpointIndexFile: string;
  readonly occurrencesDir: string;
  readonly manifestFile: string;
  readonly exportsArchiveDir: string;
  readonly gitignoreFile: string;
  readonly localDir: string;
  readonly storeFile: string;
  readonly logFile: string;
  readonly rawTranscriptsDir: string;
  readonly lockTarget: string;
  readonly lockOwnerFile: string;
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
    uniqueMessagesFile: path.join(state, 'unique_messages.jsonl'),
    checkpointIndexFile: path.join(state, 'checkpoint_index.json'),
    occurrencesDir: path.join(state, 'occurrences'),
    manifestFile: path.join(root, 'MANIFEST.json'),
    exportsArchiveDir: path.join(root, 'exports-archive'),
    gitignoreFile: path.join(root, '.gitignore'),
    localDir: local,
    storeFile: path.join(local, 'coditect.sqlite'),
    logFile: path.join(local, 'coditect.log'),
    rawTranscriptsDir: path.join(local, 'raw-transcripts'),
    lockTarget: path.join(local, 'pipeline'),
    lockOwnerFile: path.join(local, 'pipeline.owner.json'),
  };
}
