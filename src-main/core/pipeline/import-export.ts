import path from 'node:path';
import type { FoundFile } from '../discovery/types';
import { MessageWriter } from '../memory/message-writer';
import { SourceRepository } from '../memory/sources';
import type { MemoryStore } from '../memory/store';
import type { FileResult } from './file-result';
import type { ParseEvent, ParsedExport } from './parse-job';

/**
 * Import one parsed `/export` text file as one atomic unit. Its identity is its bytes: the
 * same export found again (a copy in Downloads, a crash before archiving) is not read twice.
 */
export async function importExportFile(
  store: MemoryStore,
  file: FoundFile,
  events: AsyncIterable<ParseEvent>,
): Promise<FileResult> {
  const parsed = await exportOf(events);
  if (typeof parsed === 'string')
    return { status: 'failed', path: file.path, kind: 'export', reason: parsed };
  const sources = new SourceRepository(store);
  const known = sources.exportBySha(parsed.sha256);
  if (known)
    return {
      status: 'already-imported',
      path: file.path,
      kind: 'export',
      sourceId: known.id,
      sameAs: known.path,
    };
  // Parsed in full already: the unit is plain store writes (no savepoint needed, see writeUnit).
  return store.writeUnit((): FileResult => {
    const now = new Date().toISOString();
    const sourceId = sources.insert({
      kind: 'export',
      path: file.path,
      name: path.basename(file.path),
      sha256: parsed.sha256,
      size: parsed.size,
      mtimeMs: file.mtimeMs,
      project: parsed.project,
      titleHint: parsed.firstPrompt,
      importedAt: now,
    });
    const writer = new MessageWriter(store, sourceId, 0, now);
    for (const m of parsed.messages) writer.add(m, m.hash, m.clean);
    sources.recordImport(sourceId, writer.counts, { endOffset: parsed.size });
    return {
      status: 'imported',
      path: file.path,
      kind: 'export',
      sourceId,
      counts: { ...writer.counts },
      notes: parsed.notes,
    };
  });
}

/** The parsed export, or why it could not be read. */
async function exportOf(events: AsyncIterable<ParseEvent>): Promise<ParsedExport | string> {
  for await (const ev of events) {
    if (ev.type === 'export') return ev.parsed;
    if (ev.type === 'failed') return ev.reason;
  }
  return 'the parser gave no result';
}
