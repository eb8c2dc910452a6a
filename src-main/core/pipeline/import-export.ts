import fs from 'node:fs';
import path from 'node:path';
import type { FoundFile } from '../discovery/types';
import { decodeExportBytes } from '../formats/encoding-repair';
import { parseExportText } from '../formats/export-text';
import { sha256Hex } from '../identity/file-hash';
import { MessageWriter } from '../memory/message-writer';
import { SourceRepository } from '../memory/sources';
import type { MemoryStore } from '../memory/store';
import type { FileResult } from './file-result';

/** /export files are read whole; anything this large is not a conversation export. */
export const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

/**
 * Import one `/export` text file in one transaction. Its identity is its bytes: the same
 * export found again (a copy in Downloads, a crash before archiving) is not read twice.
 */
export async function importExportFile(store: MemoryStore, file: FoundFile): Promise<FileResult> {
  const fail = (reason: string): FileResult => ({
    status: 'failed',
    path: file.path,
    kind: 'export',
    reason,
  });
  const bytes = readExport(file.path);
  if (typeof bytes === 'string') return fail(bytes);
  const sha = sha256Hex(bytes);
  const sources = new SourceRepository(store);
  const known = sources.exportBySha(sha);
  if (known)
    return {
      status: 'already-imported',
      path: file.path,
      kind: 'export',
      sourceId: known.id,
      sameAs: known.path,
    };

  const decoded = decodeExportBytes(bytes);
  const parsed = parseExportText(decoded.text);
  const notes = repairNotes(decoded.repairs);
  if (parsed.messages.length === 0) notes.push('no messages found (banner only or empty conversation)');

  return store.inTransaction(async () => {
    const now = new Date().toISOString();
    const sourceId = sources.insert({
      kind: 'export',
      path: file.path,
      name: path.basename(file.path),
      sha256: sha,
      size: bytes.length,
      mtimeMs: file.mtimeMs,
      project: parsed.banner.cwd,
      titleHint: parsed.firstPrompt,
      importedAt: now,
    });
    const writer = new MessageWriter(store, sourceId, 0, now);
    for (const m of parsed.messages) writer.add(m);
    sources.recordImport(sourceId, writer.counts, { endOffset: bytes.length });
    return {
      status: 'imported',
      path: file.path,
      kind: 'export',
      sourceId,
      counts: { ...writer.counts },
      notes,
    };
  });
}

function readExport(file: string): Buffer | string {
  try {
    const st = fs.statSync(file);
    if (st.size > MAX_EXPORT_BYTES)
      return `too large for an /export (${st.size} bytes > ${MAX_EXPORT_BYTES})`;
    return fs.readFileSync(file);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') return 'vanished before it could be read';
    if (e.code === 'EACCES' || e.code === 'EPERM') return 'not readable (permission denied)';
    return `cannot be read: ${e.message}`;
  }
}

function repairNotes(r: { mojibake: string | null; strayBytes: number }): string[] {
  const notes: string[] = [];
  if (r.mojibake) notes.push(`repaired ${r.mojibake} mojibake`);
  if (r.strayBytes > 0) notes.push(`decoded ${r.strayBytes} stray non-UTF-8 byte(s)`);
  return notes;
}
