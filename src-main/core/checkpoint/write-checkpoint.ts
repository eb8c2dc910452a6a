import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { MemoryStore } from '../memory/store';
import type { MemoryLayout } from '../workspace/memory-layout';
import { writeFileAtomic } from '../workspace/atomic-write';
import { buildMissingReadIndexes } from '../memory/bulk-indexes';
import { CheckpointRepository, type CheckpointRow } from '../memory/checkpoints';
import { renderCheckpointDocument } from './document';
import { writeCheckpointIndex, writeManifest } from './index-files';
import { checkpointId, deriveTitle } from './title';
import { redactSecrets } from '../security/redact-secrets';
import { configDir } from '../settings/settings';
import { gitAuthor, machineIdentity, type MachineIdentity } from './machine-identity';
import { writeFormatFiles } from './memory-format';
import {
  closeCheckpointFolder,
  markTracked,
  openCheckpointFolder,
  trackedCheckpoint,
  trackedSource,
  writeMessageParts,
  writeOccurrenceParts,
} from './write-tracked';

export type CheckpointOutcome =
  | { status: 'nothing-new' }
  | {
      status: 'written';
      checkpoint: CheckpointRow;
      /** A checkpoint an interrupted run had begun, finished first. */
      resumed: CheckpointRow | null;
      files: string[];
      redactions: number;
    };

export interface CheckpointOptions {
  description?: string;
  now?: Date;
  /**
   * Store work on another connection (the search index catch-up) that may run while the new
   * checkpoint's files are written: that stretch only reads the store. Awaited before the
   * store is written again, so the two writers never wait on each other's lock. Never rejects.
   */
  alongside?: () => Promise<void>;
  /** This machine (default: the one recorded in the config folder). */
  machine?: MachineIdentity;
  /** The git identity to record (default: the memory repository's, if any). */
  author?: string | null;
  /** The home folder tracked paths are made relative to. */
  home?: string;
}

/**
 * Step 5. A checkpoint is first recorded as pending in the store, together with the work it
 * takes; then its files are written (each atomically); then it is marked written. A crash
 * anywhere in between leaves a pending checkpoint that the next run writes again, identically,
 * before it makes a new one for whatever was imported since.
 */
export async function writeCheckpoint(
  store: MemoryStore,
  layout: MemoryLayout,
  opts: CheckpointOptions,
): Promise<CheckpointOutcome> {
  const repo = new CheckpointRepository(store);
  const pending = repo.pending();
  // A pending checkpoint's reads need the indexes a large import may have left out (bulk-indexes.ts).
  if (pending) buildMissingReadIndexes(store);
  const home = opts.home ?? os.homedir();
  const resumed = pending ? await writeArtifacts(store, layout, repo, pending, home) : null;
  if (!repo.hasUnassignedWork()) {
    if (!pending || !resumed) return { status: 'nothing-new' };
    return {
      status: 'written',
      checkpoint: repo.get(pending.id)!,
      resumed: repo.get(pending.id)!,
      files: resumed.paths,
      redactions: resumed.redactions,
    };
  }
  const created = await writeArtifacts(
    store,
    layout,
    repo,
    createCheckpoint(repo, layout, opts),
    home,
    opts.alongside,
  );
  const files = [...new Set([...(resumed?.paths ?? []), ...created.paths])];
  return {
    status: 'written',
    checkpoint: repo.get(created.id)!,
    resumed: pending ? repo.get(pending.id)! : null,
    files,
    redactions: (resumed?.redactions ?? 0) + created.redactions,
  };
}

function createCheckpoint(
  repo: CheckpointRepository,
  layout: MemoryLayout,
  opts: CheckpointOptions,
): CheckpointRow {
  const now = opts.now ?? new Date();
  const machine = opts.machine ?? machineIdentity(configDir());
  // The title reaches file names, the index and commit messages: redact it like message text.
  const title = redactSecrets(opts.description?.trim() || deriveTitle(repo.titleHints())).text;
  // The machine's id keeps two machines importing in the same second apart.
  const base = checkpointId(now, title, machine.id);
  let id = base;
  for (let n = 2; repo.exists(id); n++) id = `${base}-${n}`;
  return repo.createFromUnassigned({
    id,
    title,
    createdAt: now.toISOString(),
    document: `checkpoints/${id}.md`,
    author: opts.author !== undefined ? opts.author : gitAuthor(layout.root),
    machine: machine.name,
  });
}

async function writeArtifacts(
  store: MemoryStore,
  layout: MemoryLayout,
  repo: CheckpointRepository,
  c: CheckpointRow,
  home: string,
  alongside?: () => Promise<void>,
) {
  fs.mkdirSync(layout.checkpointsDir, { recursive: true });
  const docPath = path.join(layout.root, c.document);
  const formatFiles = writeFormatFiles(layout);
  const sourceRows = repo.sourcesOf(c.id);
  const other = alongside?.();
  let folder: string[];
  let messageIds: number[];
  let redactions: number;
  try {
    // Reads only, from here to the wait: the other connection may write meanwhile.
    const tmp = openCheckpointFolder(layout.checkpointStateDir, c.id);
    // One after the other: each reads the store across its waits for zlib. A failure leaves no
    // half-written folder behind (and the next run's preparation removes any a kill left).
    const { messages, occurrences } = await removedOnFailure(tmp, async () => ({
      messages: await writeMessageParts(store, c.id, tmp),
      occurrences: await writeOccurrenceParts(store, c.id, sourceRows, home, tmp),
    }));
    const doc = renderCheckpointDocument(store, c, sourceRows);
    // Written once: a document already there (an interrupted run) is what others have.
    if (!fs.existsSync(docPath)) writeFileAtomic(docPath, doc.markdown);
    redactions = messages.redactions + doc.redactions;
    const sources = sourceRows.map((s, i) => trackedSource(s, i + 1, home, layout.root));
    const record = trackedCheckpoint({ ...c, redactions }, sources, {
      messages: messages.names,
      occurrences,
    });
    folder = closeCheckpointFolder(layout.checkpointStateDir, tmp, record);
    messageIds = messages.ids;
  } finally {
    await other;
  }
  markTracked(store, messageIds);
  repo.setRedactions(c.id, redactions);
  const index = writeCheckpointIndex(store, layout, home);
  writeManifest(store, layout, index);
  // Last: until here a crash leaves the checkpoint pending, and the next run writes it again.
  repo.markWritten(c.id);
  return { id: c.id, paths: [docPath, ...folder, ...formatFiles], redactions };
}

async function removedOnFailure<T>(dir: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
