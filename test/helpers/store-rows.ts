import fs from 'node:fs';
import type { FoundFile } from '../../src-main/core/discovery/types';
import { SourceRepository } from '../../src-main/core/memory/sources';
import type { MemoryStore } from '../../src-main/core/memory/store';

/** An export source row to hang messages on, named `name` (its sha256 is the name too). */
export function insertExportSource(store: MemoryStore, name: string, importedAt = 'now'): number {
  return new SourceRepository(store).insert({
    kind: 'export',
    path: `/${name}`,
    name,
    sha256: name,
    size: 1,
    mtimeMs: 0,
    project: null,
    titleHint: null,
    importedAt,
  });
}

/** A Claude Code transcript on disk as discovery reports it. */
export function foundTranscript(file: string): FoundFile {
  const st = fs.statSync(file);
  return {
    path: file,
    kind: 'transcript',
    size: st.size,
    mtimeMs: st.mtimeMs,
    dev: st.dev,
    ino: st.ino,
    source: 'transcripts',
  };
}
