import path from 'node:path';
import fs from 'node:fs';
import type { MemoryStore } from '../memory/store';
import type { MemoryLayout } from '../workspace/memory-layout';
import { writeFileAtomic } from '../workspace/atomic-write';
import { CheckpointRepository, type CheckpointRow } from './checkpoint-repo';
import { renderCheckpointDocument } from './document';
import { writeCheckpointIndex, writeManifest } from './index-files';
import { writeOccurrencesFile } from './occurrences-file';
import { checkpointId, deriveTitle } from './title';
import { markAppended, writeUniqueMessages, type AppendedLines } from './unique-messages-file';
import { redactSecrets } from '../security/redact-secrets';

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
  const resumed = pending ? await writeArtifacts(store, layout, repo, pending) : null;
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
    createCheckpoint(store, repo, opts),
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
  store: MemoryStore,
  repo: CheckpointRepository,
  opts: { description?: string; now?: Date },
): CheckpointRow {
  const now = opts.now ?? new Date();
  // The title reaches file names, the index and commit messages: redact it like message text.
  const title = redactSecrets(opts.description?.trim() || deriveTitle(titleHints(store))).text;
  let id = checkpointId(now, title);
  for (let n = 2; repo.exists(id); n++) id = `${checkpointId(now, title)}-${n}`;
  return repo.createFromUnassigned({
    id,
    title,
    createdAt: now.toISOString(),
    document: `checkpoints/${id}.md`,
  });
}

function titleHints(store: MemoryStore) {
  const exp = store.db
    .prepare(
      `SELECT s.name, s.title_hint FROM source_imports i JOIN sources s ON s.id = i.source_id
       WHERE i.checkpoint_id IS NULL AND s.kind = 'export' ORDER BY i.id LIMIT 1`,
    )
    .get() as { name: string; title_hint: string | null } | undefined;
  const tr = store.db
    .prepare(
      `SELECT s.project FROM source_imports i JOIN sources s ON s.id = i.source_id
       WHERE i.checkpoint_id IS NULL AND s.kind = 'transcript' ORDER BY i.id LIMIT 1`,
    )
    .get() as { project: string | null } | undefined;
  return { exportName: exp?.name, firstPrompt: exp?.title_hint, project: tr?.project };
}

async function writeArtifacts(
  store: MemoryStore,
  layout: MemoryLayout,
  repo: CheckpointRepository,
  c: CheckpointRow,
  alongside?: () => Promise<void>,
) {
  fs.mkdirSync(layout.checkpointsDir, { recursive: true });
  const docPath = path.join(layout.root, c.document);
  const other = alongside?.();
  let state: AppendedLines;
  let doc: { markdown: string; redactions: number };
  try {
    // Reads only, from here to the wait: the other connection may write meanwhile.
    state = writeUniqueMessages(store, layout.uniqueMessagesFile, c.id);
    writeOccurrencesFile(store, layout.occurrencesDir, c.id);
    doc = renderCheckpointDocument(store, c, repo.sourcesOf(c.id));
    writeFileAtomic(docPath, doc.markdown);
  } finally {
    await other;
  }
  markAppended(store, state);
  const redactions = state.redactions + doc.redactions;
  repo.setRedactions(c.id, redactions);
  const index = writeCheckpointIndex(store, layout);
  writeManifest(store, layout, index);
  // Last: until here a crash leaves the checkpoint pending, and the next run rewrites it all.
  repo.markWritten(c.id);
  const paths = [
    docPath,
    layout.uniqueMessagesFile,
    path.join(layout.occurrencesDir, `${c.id}.jsonl`),
    layout.checkpointIndexFile,
    layout.manifestFile,
  ];
  return { id: c.id, paths, redactions };
}
